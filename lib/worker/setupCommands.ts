import { type Command, type CommandResult, commandSchema } from '../core/messages/commands';
import { importExportJson } from './history/importExport';
import { deleteSessions } from './history/retention';
import type { BackgroundServices } from './services';
import { runSiteAccessCommand } from './setupSiteAccess';

// Pages write only through these commands. Each is validated, run, and answered with a CommandResult
// (Chromium takes the Promise returned from onMessage as the reply).

/** Waits for queued writes to land, but not forever: while the disk fails they stay queued in memory. */
function settleWrites(queue: BackgroundServices['queue'], ms = 5000): Promise<void> {
  return Promise.race([queue.flush(), new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

export async function runCommand(services: BackgroundServices, command: Command): Promise<CommandResult> {
  const { ingest, settings, ports, queue, db } = services;
  switch (command.type) {
    case 'cue.done':
    case 'cue.dismiss': {
      const cue = await ingest.act(command.cueId, command.type === 'cue.done' ? 'done' : 'dismiss');
      return { ok: true, data: cue };
    }
    case 'cue.snooze':
      return { ok: true, data: await ingest.act(command.cueId, 'snooze', command.snoozeSec) };
    case 'session.end':
      await ingest.endSession(command.sessionId);
      return { ok: true };
    case 'settings.update': {
      const before = await settings.get();
      const next = await settings.update(command.patch);
      if (JSON.stringify(before.plan) !== JSON.stringify(next.plan)) await ingest.setPlan(next.plan);
      if (before.overlay !== next.overlay) ports.toAll({ type: 'overlay.set', enabled: next.overlay });
      if (JSON.stringify(before.bindings) !== JSON.stringify(next.bindings)) {
        for (const info of ports.all()) {
          if (info.site)
            ports.send(info.port, { type: 'bindings', bindings: next.bindings[info.site] ?? {} });
        }
      }
      return { ok: true, data: next };
    }
    case 'settings.reset':
      return { ok: true, data: await settings.reset(command.section) };
    case 'history.import': {
      // Anything still queued lands first, so an imported session never races a live write.
      await settleWrites(queue);
      const result = await importExportJson(db, command.json);
      if (!result.ok) return { ok: false, error: result.error };
      await ingest.forget(result.sessionIds);
      return { ok: true, data: result };
    }
    case 'history.delete':
      await settleWrites(queue);
      await ingest.forget(command.sessionIds);
      await deleteSessions(db, command.sessionIds);
      return { ok: true };
    case 'picker.start': {
      const room = ports.pick(command.tabId);
      if (!room)
        return { ok: false, error: 'No live room is open in this window: open the room page first.' };
      ports.send(room.port, { type: 'picker.start', metric: command.metric });
      return { ok: true, data: { tabId: room.tabId } };
    }
    case 'overlay.toggle': {
      await settings.update({ overlay: command.enabled });
      ports.toAll({ type: 'overlay.set', enabled: command.enabled });
      if (command.enabled) {
        for (const info of ports.all()) {
          if (info.site && info.roomKey) await services.pushOverlay(info.site, info.roomKey);
        }
      }
      return { ok: true };
    }
    case 'site.enable':
    case 'site.remove':
    case 'site.list':
      return runSiteAccessCommand(command);
    case 'status.get':
      return {
        ok: true,
        data: {
          write: services.writeStatus(),
          pendingWrites: queue.pending(),
          liveSessions: ingest.liveCount(),
          unreadRooms: ingest.unreadRooms(),
        },
      };
  }
}

export function setupCommands(services: BackgroundServices): void {
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // Only our own pages command the background; content scripts speak over the room port.
    if (sender.id !== browser.runtime.id || sender.tab?.url?.startsWith('http')) return undefined;
    const parsed = commandSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.resolve({
        ok: false,
        error: `Bad command at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      });
    }
    return runCommand(services, parsed.data).catch(
      (error: unknown): CommandResult => ({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  });
}
