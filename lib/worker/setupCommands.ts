import {
  type Command,
  type CommandAnswers,
  type CommandResult,
  type CommandType,
  commandSchema,
} from '../core/messages/commands';
import { roomIdOf } from '../core/messages/roomId';
import type { StatusAnswer } from '../core/messages/statusAnswer';
import { importExportJson } from './history/importExport';
import { deleteSessions } from './history/retention';
import type { BackgroundServices } from './services';
import { siteAccessHandlers } from './setupSiteAccess';

// Pages write only through these commands. Each is validated, run, and answered with the answer its type
// declares in lib/core/messages/commands.ts (Chromium takes the Promise returned from onMessage as the
// reply). No command waits on a failing disk for long: writes stay queued in memory and the status says so.

/** How long a command waits for its rows to be on disk before answering `saved: false` (they stay queued). */
const SAVE_WAIT_MS = 3000;

const savedWithin = (durable: Promise<void>): Promise<boolean> =>
  Promise.race([
    durable.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), SAVE_WAIT_MS)),
  ]);

export type Handlers = {
  [T in CommandType]: (command: Extract<Command, { type: T }>) => Promise<CommandAnswers[T]>;
};

export function commandHandlers(services: BackgroundServices): Handlers {
  const { registry, settings, ports, queue, db } = services;
  return {
    'cue.done': async ({ cueId }) => {
      const { cue, durable } = await registry.act(cueId, 'done');
      return { cue, saved: await savedWithin(durable) };
    },
    'cue.dismiss': async ({ cueId }) => {
      const { cue, durable } = await registry.act(cueId, 'dismiss');
      return { cue, saved: await savedWithin(durable) };
    },
    'cue.snooze': async ({ cueId, snoozeSec }) => {
      const { cue, durable } = await registry.act(cueId, 'snooze', snoozeSec);
      return { cue, saved: await savedWithin(durable) };
    },
    'session.end': async ({ sessionId }) => {
      const { session, durable, kept } = await registry.end(sessionId);
      const saved = await savedWithin(durable);
      // Not on disk and not noted for a restart: a restart would reopen it, so this is no success.
      if (!saved && !(await kept))
        throw new Error(
          'Ended here, but writes are failing and the end could not be kept: it may come back open',
        );
      return { sessionId, endedAt: session.endedAt ?? session.lastSampleAt, saved };
    },
    // What a change means for the rooms (bindings, overlay, run-of-show) follows the settings' change event.
    'settings.update': ({ patch }) => settings.update(patch),
    'settings.reset': ({ section }) => settings.reset(section),
    'history.import': async ({ json }) => {
      const result = await importExportJson(db, json);
      if (!result.ok) throw new Error(result.error);
      await registry.imported(result.sessions);
      return result.answer;
    },
    'history.delete': async ({ sessionIds }) => {
      await registry.forget(sessionIds);
      return { deleted: await deleteSessions(db, sessionIds) };
    },
    'picker.start': async ({ metric, tabId }) => {
      const room = ports.pick(tabId);
      if (!room) throw new Error('No live room is open in this window: open the room page first.');
      ports.send(room.port, { type: 'picker.start', metric });
      return { tabId: room.tabId };
    },
    ...siteAccessHandlers,
    'overlay.toggle': async ({ enabled }) => ({
      enabled: (await settings.update({ overlay: enabled })).overlay,
    }),
    'status.get': async (): Promise<StatusAnswer> => {
      const refusals = new Map(registry.refusals().map((r) => [roomIdOf(r.site, r.roomKey), r]));
      const rooms = ports.notices().map((notice) => {
        const room = roomIdOf(notice.site, notice.roomKey);
        const refused = refusals.get(room);
        refusals.delete(room);
        return {
          ...notice,
          ...(refused && { refused: { reason: refused.reason, count: refused.count, at: refused.at } }),
        };
      });
      for (const r of refusals.values()) {
        rooms.push({
          site: r.site,
          roomKey: r.roomKey,
          duplicateTabIds: [],
          refused: { reason: r.reason, count: r.count, at: r.at },
        });
      }
      for (const back of registry.clockSetBacks()) {
        const clockSetBack = { byMs: back.byMs, at: back.at };
        const room = rooms.find((r) => r.site === back.site && r.roomKey === back.roomKey);
        if (room) room.clockSetBack = clockSetBack;
        else rooms.push({ site: back.site, roomKey: back.roomKey, duplicateTabIds: [], clockSetBack });
      }
      return {
        write: queue.status(),
        pendingWrites: queue.pending(),
        liveSessions: registry.liveCount(),
        unreadRooms: registry.unreadRooms(),
        rooms,
      };
    },
  };
}

/** Runs a validated command; a thrown error becomes `{ ok: false, error }`. */
export async function runCommand<T extends CommandType>(
  handlers: Handlers,
  command: Extract<Command, { type: T }>,
): Promise<CommandResult<T>> {
  try {
    const handler = handlers[command.type] as (c: typeof command) => Promise<CommandAnswers[T]>;
    return { ok: true, data: await handler(command) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function setupCommands(services: BackgroundServices): void {
  const handlers = commandHandlers(services);
  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    // Only our own pages command the background; content scripts speak over the room port.
    if (sender.id !== browser.runtime.id || sender.tab?.url?.startsWith('http')) return undefined;
    const parsed = commandSchema().safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.resolve({
        ok: false,
        error: `Bad command at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      } satisfies CommandResult);
    }
    return runCommand(handlers, parsed.data);
  });
}
