import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { freshWorker, RoomPage, until } from './workerHarness';

// The command listener on WXT's fakeBrowser: who may command, what a bad command is told, and that each
// command is answered with what lib/core/messages/commands.ts declares for it.

describe('setupCommands', () => {
  it('answers only the extension’s own pages, and names the bad field of a bad command', async () => {
    const worker = freshWorker();
    const fromPage = await fakeBrowser.runtime.onMessage.trigger(
      { type: 'status.get' },
      { id: fakeBrowser.runtime.id, tab: { url: 'https://buyin.jinritemai.com/live' } as never },
    );
    expect(fromPage).toEqual([undefined]);
    expect(await worker.command({ type: 'cue.snooze', cueId: 'c', snoozeSec: 5 })).toEqual({
      ok: false,
      error: 'Bad command at snoozeSec: Too small: expected number to be >=10',
    });
    expect(await worker.command({ type: 'nope' })).toMatchObject({
      ok: false,
      error: /^Bad command at type/,
    });
  });

  it('answers status.get with the write state and the rooms it hears', async () => {
    const worker = freshWorker();
    expect(await worker.command({ type: 'status.get' })).toEqual({
      ok: true,
      data: { write: { state: 'ok' }, pendingWrites: 0, liveSessions: 0, unreadRooms: [], rooms: [] },
    });
    const page = new RoomPage(() => worker, 4, 'douyin', 'r1');
    page.post([page.sample(Date.now() - 1000, { viewers: 10 })]);
    await until(() => page.ackedUpTo() === 1, 4000, 'acknowledged');
    expect(await worker.command({ type: 'status.get' })).toMatchObject({
      ok: true,
      data: {
        liveSessions: 1,
        rooms: [{ site: 'douyin', roomKey: 'r1', feedingTabId: 4, duplicateTabIds: [] }],
      },
    });
  });

  it('ends a session and says when the end is on disk; an unknown session is an error', async () => {
    const worker = freshWorker();
    const page = new RoomPage(() => worker, 1, 'douyin', 'r1');
    const t0 = Date.now() - 60_000;
    page.post([page.sample(t0, { viewers: 10 }), page.sample(t0 + 1000, { viewers: 12 })]);
    await until(() => page.ackedUpTo() === 2, 4000, 'acknowledged');
    const ended = await worker.command({ type: 'session.end', sessionId: `douyin:r1:${t0}` });
    expect(ended).toMatchObject({ ok: true, data: { sessionId: `douyin:r1:${t0}`, saved: true } });
    expect((ended.data as { endedAt: number }).endedAt).toBeGreaterThanOrEqual(t0 + 1000);
    expect(await worker.db.sessions.get(`douyin:r1:${t0}`)).toMatchObject({ endReason: 'operator' });
    expect(await worker.command({ type: 'session.end', sessionId: 'douyin:none:1' })).toEqual({
      ok: false,
      error: 'No session douyin:none:1',
    });
  });

  it('answers history.delete with how many sessions went', async () => {
    const worker = freshWorker();
    const page = new RoomPage(() => worker, 1, 'douyin', 'r1');
    const t0 = Date.now() - 60_000;
    page.post([page.sample(t0, { viewers: 10 })]);
    await until(() => page.ackedUpTo() === 1, 4000, 'acknowledged');
    const answer = await worker.command({
      type: 'history.delete',
      sessionIds: [`douyin:r1:${t0}`, 'douyin:gone:1'],
    });
    expect(answer).toEqual({ ok: true, data: { deleted: 1 } });
    expect(await worker.db.samples.count()).toBe(0);
  });

  it('tells every room of a site its new bindings, and every room the overlay switch', async () => {
    const worker = freshWorker();
    const page = new RoomPage(() => worker, 1, 'douyin', 'r1');
    page.post([page.sample(Date.now() - 1000, { viewers: 10 })]);
    await until(() => page.messages('bindings').length === 1, 4000, 'welcomed');
    const updated = await worker.command({
      type: 'settings.update',
      patch: { bindings: { douyin: { viewers: '#online' } } },
    });
    expect(updated).toMatchObject({ ok: true, data: { bindings: { douyin: { viewers: '#online' } } } });
    expect(page.messages('bindings').at(-1)).toEqual({ type: 'bindings', bindings: { viewers: '#online' } });
    // The same patch again changes nothing, so nothing is sent again.
    await worker.command({
      type: 'settings.update',
      patch: { bindings: { douyin: { viewers: '#online' } } },
    });
    expect(page.messages('bindings')).toHaveLength(2);

    expect(await worker.command({ type: 'overlay.toggle', enabled: true })).toEqual({
      ok: true,
      data: { enabled: true },
    });
    expect(page.messages('overlay.set').at(-1)).toEqual({ type: 'overlay.set', enabled: true });
    await until(() => page.messages('overlay.cue').length > 0, 4000, 'the overlay cue');
  });

  it('starts the picker in the room of the tab, and says when no room is open', async () => {
    const worker = freshWorker();
    expect(await worker.command({ type: 'picker.start', metric: 'viewers' })).toEqual({
      ok: false,
      error: 'No live room is open in this window: open the room page first.',
    });
    const page = new RoomPage(() => worker, 9, 'douyin', 'r1');
    page.post([page.sample(Date.now() - 1000, { viewers: 10 })]);
    await until(() => page.ackedUpTo() === 1, 4000, 'acknowledged');
    expect(await worker.command({ type: 'picker.start', metric: 'gmv', tabId: 9 })).toEqual({
      ok: true,
      data: { tabId: 9 },
    });
    expect(page.messages('picker.start')).toEqual([{ type: 'picker.start', metric: 'gmv' }]);
  });
});
