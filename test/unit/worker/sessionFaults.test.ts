import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Sample } from '../../../lib/core/messages/sample';
import { createRoomLink, type PortLike } from '../../../lib/room/link/roomLink';
import type { LivecueDb } from '../../../lib/store/database';
import { readRetentionReport } from '../../../lib/store/retentionReport';
import {
  disposeDb,
  FakeRoomPort,
  failWritesFor,
  RoomPage,
  restartWorker,
  settlesWithin,
  sleep,
  startWorker,
  until,
  type WorkerHarness,
} from './workerHarness';

// Faults the background must survive without losing a sample (DESIGN.md §5: a sample is either stored or
// refused with a reason the page shows — never acknowledged and dropped). Each test plays room pages
// against the real listeners and checks exactly what is stored and what each page was told.

const SEC = 1000;
const MIN = 60 * SEC;

/**
 * How the background answered each sample a page sent: stored (a row of its room with its values, at its
 * time or a millisecond or two after when that time was taken), refused (with a reason), or lost: acked
 * but neither. Samples not yet answered are in none of them.
 */
async function answers(db: LivecueDb, page: RoomPage) {
  const rows = (await db.samples.toArray()).filter((row) =>
    row.sessionId.startsWith(`${page.site}:${page.roomKey}:`),
  );
  const byValues = new Map<string, number[]>();
  for (const row of rows) {
    const key = JSON.stringify(row.metrics);
    byValues.set(key, [...(byValues.get(key) ?? []), row.ts]);
  }
  const refused = page.refused();
  const acked = page.ackedUpTo();
  const stored = new Set<number>();
  const lost: number[] = [];
  for (const [seq, sample] of page.sent) {
    const times = byValues.get(JSON.stringify(sample.metrics)) ?? [];
    if (times.some((ts) => ts >= sample.ts && ts < sample.ts + 50)) stored.add(seq);
    else if (seq <= acked && !refused.has(seq)) lost.push(seq);
  }
  return { stored, refused, acked, lost, rows };
}

function setup() {
  let worker = startWorker();
  disposeDb(worker.db);
  const pages: RoomPage[] = [];
  const open = (roomKey: string, tabId = pages.length + 1) => {
    const page = new RoomPage(() => worker, tabId, 'douyin', roomKey);
    pages.push(page);
    return page;
  };
  return {
    get worker(): WorkerHarness {
      return worker;
    },
    open,
    restart() {
      worker = restartWorker(worker, pages);
      for (const page of pages) page.connect();
      return worker;
    },
  };
}

describe('one failing room', () => {
  it('never stalls other rooms, ticks, session.end or deletes', async () => {
    const world = setup();
    const { db } = world.worker;
    const disk = failWritesFor(db);
    const t0 = Date.now() - 10 * MIN;
    const a = world.open('room-a');
    const b = world.open('room-b');

    a.post([a.sample(t0, { viewers: 100 })]);
    await until(() => a.ackedUpTo() === 1, 4000, 'room A started');

    // Room A's rows hit a quota error mid-batch; room B keeps streaming meanwhile.
    disk.tags.add('room-a');
    a.post([1, 2, 3].map((i) => a.sample(t0 + i * SEC, { viewers: 100 + i })));
    for (let i = 0; i < 20; i++) b.post([b.sample(t0 + i * SEC, { viewers: 500 + i })]);

    await until(() => b.ackedUpTo() === 20, 4000, 'room B acknowledged while room A fails');
    expect((await answers(db, b)).stored.size).toBe(20);
    expect(a.ackedUpTo()).toBe(1);

    // Commands answer while A's rows wait in memory.
    const status = await settlesWithin(world.worker.command({ type: 'status.get' }), 4000, 'status.get');
    expect(status).toMatchObject({ ok: true, data: { write: { state: 'failing' } } });
    const bSession = `douyin:room-b:${t0}`;
    await sleep(1100);
    await world.worker.alarm('livecue-tick');
    await until(
      async () =>
        (await db.actions.where('[sessionId+ts]').between([bSession, 0], [bSession, Infinity]).count()) > 0,
      4000,
      "room B's tick stored",
    );
    const ended = await settlesWithin(
      world.worker.command({ type: 'session.end', sessionId: bSession }),
      4000,
      'session.end',
    );
    expect(ended.ok).toBe(true);
    await until(async () => (await db.sessions.get(bSession))?.endReason === 'operator', 4000, 'B ended');
    const deleted = await settlesWithin(
      world.worker.command({ type: 'history.delete', sessionIds: [bSession] }),
      4000,
      'history.delete',
    );
    expect(deleted).toMatchObject({ ok: true, data: { deleted: 1 } });
    expect(await db.sessions.get(bSession)).toBeUndefined();

    // The disk recovers: A's rows land and only then are they acknowledged.
    disk.tags.clear();
    await until(() => a.ackedUpTo() === 4, 8000, 'room A acknowledged after recovery');
    const aAnswers = await answers(db, a);
    expect(aAnswers.stored.size).toBe(4);
    expect(aAnswers.lost).toEqual([]);
    expect(await db.sessions.get(bSession)).toBeUndefined();
  });
});

describe('a worker restart between acknowledgement and write', () => {
  it('acknowledges a resent sample only once it is durable, and loses nothing', async () => {
    const world = setup();
    const disk = failWritesFor(world.worker.db);
    const t0 = Date.now() - 5 * MIN;
    const page = world.open('room-r');
    page.post([page.sample(t0, { viewers: 100 })]);
    await until(() => page.ackedUpTo() === 1, 4000, 'session started');
    disk.tags.add('room-r');
    page.post([1, 2, 3].map((i) => page.sample(t0 + i * SEC, { viewers: 100 + i })));
    await sleep(200);
    expect(page.ackedUpTo()).toBe(1);

    // The port drops (the page navigated inside the app, the worker dropped it) and the page resends.
    page.drop();
    page.connect();
    page.resend();
    await sleep(300);
    expect(page.ackedUpTo()).toBe(1);

    // The worker dies with the rows still in memory; the page reconnects to a new one and resends.
    const worker = world.restart();
    disk.tags.clear();
    page.resend();
    await until(() => page.ackedUpTo() === 4, 4000, 'acknowledged after the restart');
    const { stored, lost } = await answers(worker.db, page);
    expect(lost).toEqual([]);
    expect(stored.size).toBe(4);
  });
});

describe("a page's clock", () => {
  it('stepped back ten minutes: its samples are stored or refused with a reason, never acked and dropped', async () => {
    const world = setup();
    const t0 = Date.now() - 20 * MIN;
    const page = world.open('room-c');
    page.post(Array.from({ length: 120 }, (_, i) => page.sample(t0 + i * SEC, { viewers: 1000 + i })));
    await until(() => page.ackedUpTo() === 120, 4000, 'first two minutes acknowledged');

    const back = t0 + 2 * MIN - 10 * MIN;
    page.post(Array.from({ length: 600 }, (_, i) => page.sample(back + i * SEC, { viewers: 2000 + i })));
    await until(
      () => page.ackedUpTo() + page.refused().size >= 720 || page.ackedUpTo() === 720,
      4000,
      'answered',
    );
    await world.worker.services.queue.flush();
    const { lost, refused, stored } = await answers(world.worker.db, page);
    expect(lost).toEqual([]);
    expect(stored.size + refused.size).toBe(720);
    // Readings dated inside the session are filed there; those from before it began cannot be.
    expect([...refused.keys()]).toEqual(Array.from({ length: 480 }, (_, i) => 121 + i));
    expect(new Set(refused.values())).toEqual(new Set(['before-session']));
    // The panel learns it from the status, with how many.
    expect(await world.worker.command({ type: 'status.get' })).toMatchObject({
      data: { rooms: [{ roomKey: 'room-c', refused: { reason: 'before-session', count: 480 } }] },
    });
  });

  it('two readings in one millisecond: both are kept, the newer value last', async () => {
    const world = setup();
    const t0 = Date.now() - MIN;
    const page = world.open('room-m');
    page.post([page.sample(t0, { viewers: 10 })]);
    page.post([page.sample(t0 + SEC, { viewers: 20 }), page.sample(t0 + SEC, { viewers: 21 })]);
    await until(() => page.ackedUpTo() === 3, 4000, 'acknowledged');
    const { lost } = await answers(world.worker.db, page);
    expect(lost).toEqual([]);
    const rows = await world.worker.db.samples.toArray();
    expect(rows.map((row) => row.metrics.viewers)).toEqual([10, 20, 21]);
  });
});

describe('two tabs of one room', () => {
  it('one feeds the session, the other is told it is a duplicate', async () => {
    const world = setup();
    const t0 = Date.now() - MIN;
    const first = world.open('room-d', 11);
    const second = world.open('room-d', 12);
    for (let i = 0; i < 10; i++) {
      first.post([first.sample(t0 + i * SEC, { viewers: 100 + i })]);
      second.post([second.sample(t0 + i * SEC + 400, { viewers: 900 + i })]);
    }
    await until(() => first.ackedUpTo() === 10 && second.refused().size === 10, 4000, 'answered');
    await world.worker.services.queue.flush();
    const rows = await world.worker.db.samples.toArray();
    expect(rows.map((row) => row.metrics.viewers)).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i));
    expect(new Set(second.refused().values())).toEqual(new Set(['duplicate-tab']));
    expect(second.messages('room.duplicate').at(-1)).toMatchObject({ duplicate: true, feedingTabId: 11 });
    expect(await world.worker.command({ type: 'status.get' })).toMatchObject({
      data: { rooms: [{ roomKey: 'room-d', feedingTabId: 11, duplicateTabIds: [12] }] },
    });

    // The feeding tab closes: the other one takes over the same session.
    first.drop();
    second.post([second.sample(t0 + 20 * SEC, { viewers: 950 })]);
    await until(() => second.ackedUpTo() === 11, 4000, 'the second tab feeds');
    expect(second.messages('room.duplicate').at(-1)).toMatchObject({ duplicate: false });
    expect(await world.worker.db.sessions.count()).toBe(1);
  });
});

describe('a room that shows its end flag and then live numbers again', () => {
  it('continues its session and stores every later sample', async () => {
    const world = setup();
    const t0 = Date.now() - 10 * MIN;
    const page = world.open('room-e');
    const live = (i: number, extra: Partial<Sample> = {}) =>
      page.sample(t0 + i * SEC, { viewers: 100 + i }, extra);
    page.post([live(0), live(1), live(2)]);
    page.post([live(3, { ended: true }), live(4, { ended: true })]);
    for (let i = 5; i < 40; i++) page.post([live(i)]);
    await until(() => page.ackedUpTo() === 40, 4000, 'acknowledged');
    await world.worker.services.queue.flush();
    const { lost, stored, refused } = await answers(world.worker.db, page);
    expect(lost).toEqual([]);
    expect(stored.size + refused.size).toBe(40);
    const sessions = await world.worker.db.sessions.toArray();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.endedAt).toBeUndefined();
    expect(sessions[0]?.lastSampleAt).toBe(t0 + 39 * SEC);
  });
});

describe('an open session whose rule settings no longer build an engine', () => {
  it('is closed, its room goes on in a new session, and the healthy rooms keep ticking', async () => {
    const world = setup();
    const { db } = world.worker;
    const t0 = Date.now() - 5 * MIN;
    const brokenId = `douyin:broken:${t0}`;
    await db.sessions.put({
      id: brokenId,
      site: 'douyin',
      roomKey: 'broken',
      title: '',
      startedAt: t0,
      lastSampleAt: t0,
      ruleSettings: { 'traffic-drop': { dropPct: 'lots' } },
      peakViewers: null,
      gmv: null,
      cuesFired: 0,
      cuesActed: 0,
    });
    const broken = world.open('broken');
    const healthy = world.open('healthy');
    broken.post([broken.sample(t0 + SEC, { viewers: 1 })]);
    healthy.post([healthy.sample(t0 + SEC, { viewers: 2 })]);
    await until(() => healthy.ackedUpTo() === 1 && broken.ackedUpTo() === 1, 4000, 'both acknowledged');
    await world.worker.services.queue.flush();
    expect((await answers(db, broken)).stored.size).toBe(1);
    expect(await db.sessions.get(brokenId)).toMatchObject({ endedAt: t0 });
    expect(
      await db.samples.where('[sessionId+ts]').between([brokenId, 0], [brokenId, Infinity]).count(),
    ).toBe(0);

    await sleep(1100);
    await world.worker.alarm('livecue-tick');
    const healthyId = `douyin:healthy:${t0 + SEC}`;
    await until(
      async () =>
        (await db.actions.where('[sessionId+ts]').between([healthyId, 0], [healthyId, Infinity]).count()) > 0,
      4000,
      'healthy tick',
    );
  });
});

describe('an imported session dated ahead of this clock', () => {
  it('never swallows the live samples of its room, even after a worker restart', async () => {
    const world = setup();
    const now = Date.now();
    const HOUR = 3_600_000;
    const id = `douyin:room-f:${now + 6 * HOUR}`;
    const file = {
      format: 'livecue-export',
      schemaVersion: 1,
      exportedAt: now + 8 * HOUR,
      sessions: [
        {
          session: {
            id,
            site: 'douyin',
            roomKey: 'room-f',
            title: 'from a machine whose clock runs ahead',
            startedAt: now + 6 * HOUR,
            lastSampleAt: now + 7 * HOUR,
            endedAt: now + 7 * HOUR,
            endReason: 'room-ended',
            ruleSettings: {},
            peakViewers: 5,
            gmv: null,
            cuesFired: 0,
            cuesActed: 0,
          },
          samples: [{ sessionId: id, ts: now + 7 * HOUR, metrics: { viewers: 5 } }],
          actions: [],
          cues: [],
        },
      ],
    };
    const imported = await world.worker.command({ type: 'history.import', json: JSON.stringify(file) });
    expect(imported).toMatchObject({ ok: true, data: { added: { sessions: 1, samples: 1 } } });

    const worker = world.restart();
    const page = world.open('room-f');
    page.post(Array.from({ length: 5 }, (_, i) => page.sample(now - MIN + i * SEC, { viewers: 100 + i })));
    await until(() => page.ackedUpTo() === 5, 4000, 'acknowledged');
    const { lost, stored } = await answers(worker.db, page);
    expect(lost).toEqual([]);
    expect(stored.size).toBe(5);
    expect(await worker.db.sessions.count()).toBe(2);
  });
});

describe('an imported session of a live room, dated +20 h', () => {
  it('never changes where new samples go: after the operator ends the live session and a restart, the next live is recorded', async () => {
    const world = setup();
    const now = Date.now();
    const HOUR = 3_600_000;
    const page = world.open('room-g');
    page.post(
      Array.from({ length: 5 }, (_, i) => page.sample(now - 10 * MIN + i * SEC, { viewers: 100 + i })),
    );
    await until(() => page.ackedUpTo() === 5, 4000, 'live session recorded');
    const id = `douyin:room-g:${now + 20 * HOUR}`;
    const session = {
      id,
      site: 'douyin',
      roomKey: 'room-g',
      title: 'schema-valid, dated ahead',
      startedAt: now + 20 * HOUR,
      lastSampleAt: now + 21 * HOUR,
      endedAt: now + 21 * HOUR,
      endReason: 'room-ended',
      ruleSettings: {},
      peakViewers: 5,
      gmv: null,
      cuesFired: 0,
      cuesActed: 0,
    };
    const file = {
      format: 'livecue-export',
      schemaVersion: 1,
      exportedAt: now + 22 * HOUR,
      sessions: [
        {
          session,
          samples: [{ sessionId: id, ts: now + 21 * HOUR, metrics: { viewers: 5 } }],
          actions: [],
          cues: [],
        },
      ],
    };
    expect(await world.worker.command({ type: 'history.import', json: JSON.stringify(file) })).toMatchObject({
      ok: true,
    });
    // The live goes on in its session, then the operator ends it and the worker restarts.
    page.post([page.sample(now - 5 * MIN, { viewers: 200 })]);
    await until(() => page.ackedUpTo() === 6, 4000, 'still recorded after the import');
    const live = `douyin:room-g:${now - 10 * MIN}`;
    expect(await world.worker.command({ type: 'session.end', sessionId: live })).toMatchObject({ ok: true });
    await world.worker.services.queue.flush();
    const worker = world.restart();
    page.post(
      Array.from({ length: 5 }, (_, i) => page.sample(now - 4 * MIN + i * SEC, { viewers: 300 + i })),
    );
    await until(() => page.ackedUpTo() + page.refused().size >= 11, 4000, 'answered');
    const { stored, refused, lost } = await answers(worker.db, page);
    expect(refused).toEqual(new Map());
    expect(lost).toEqual([]);
    expect(stored.size).toBe(11);
    expect(await worker.db.sessions.count()).toBe(3);
    expect(await worker.db.sessions.get(id)).toMatchObject({ endedAt: now + 21 * HOUR });
  });
});

describe('retention after an import', () => {
  it('keeps history imported today however old its dates, and says what it removed', async () => {
    const world = setup();
    const { db } = world.worker;
    const now = Date.now();
    const DAY = 86_400_000;
    const old = (roomKey: string) => {
      const startedAt = now - 100 * DAY;
      const id = `douyin:${roomKey}:${startedAt}`;
      return {
        session: {
          id,
          site: 'douyin',
          roomKey,
          title: `archive ${roomKey}`,
          startedAt,
          lastSampleAt: startedAt + MIN,
          endedAt: startedAt + MIN,
          endReason: 'operator',
          ruleSettings: {},
          peakViewers: 5,
          gmv: null,
          cuesFired: 0,
          cuesActed: 0,
        },
        samples: [{ sessionId: id, ts: startedAt + MIN, metrics: { viewers: 5 } }],
        actions: [],
        cues: [],
      };
    };
    // One old session recorded here long ago, one imported today from a file of the same age.
    const recorded = old('recorded');
    await db.sessions.put(recorded.session as never);
    const file = {
      format: 'livecue-export',
      schemaVersion: 1,
      exportedAt: now - 99 * DAY,
      sessions: [old('archive')],
    };
    expect(await world.worker.command({ type: 'history.import', json: JSON.stringify(file) })).toMatchObject({
      ok: true,
    });
    await world.worker.command({ type: 'settings.update', patch: { retentionDays: 90 } });

    await world.worker.alarm('livecue-retention');
    await until(async () => (await readRetentionReport(db)) !== null, 4000, 'retention ran');
    expect((await db.sessions.toArray()).map((row) => row.roomKey)).toEqual(['archive']);
    expect(await readRetentionReport(db)).toMatchObject({
      keepDays: 90,
      count: 1,
      sessions: [{ id: recorded.session.id, title: 'archive recorded' }],
    });
  });
});

describe("the operator's End while writes fail", () => {
  it('survives a worker restart: the session stays ended and the next reading starts a new one', async () => {
    const world = setup();
    const disk = failWritesFor(world.worker.db);
    const t0 = Date.now() - 5 * MIN;
    const page = world.open('room-h');
    page.post([page.sample(t0, { viewers: 100 })]);
    await until(() => page.ackedUpTo() === 1, 4000, 'session started');
    const id = `douyin:room-h:${t0}`;

    disk.tags.add('room-h');
    const ended = await world.worker.command({ type: 'session.end', sessionId: id });
    expect(ended).toMatchObject({ ok: true, data: { saved: false } });
    const worker = world.restart();
    disk.tags.clear();
    expect((await worker.db.sessions.get(id))?.endedAt).toBeUndefined();

    page.post([page.sample(t0 + MIN, { viewers: 150 })]);
    await until(() => page.ackedUpTo() === 2, 4000, 'the next reading stored');
    await worker.services.queue.flush();
    expect(await worker.db.sessions.get(id)).toMatchObject({ endReason: 'operator' });
    expect((await worker.db.sessions.get(id))!.endedAt).toBeLessThan(t0 + MIN);
    expect(await worker.db.sessions.get(`douyin:room-h:${t0 + MIN}`)).toMatchObject({ startedAt: t0 + MIN });
  });

  it('answers an error, not ok, when the End can be neither written nor kept', async () => {
    const world = setup();
    const disk = failWritesFor(world.worker.db);
    const t0 = Date.now() - 5 * MIN;
    const page = world.open('room-i');
    page.post([page.sample(t0, { viewers: 100 })]);
    await until(() => page.ackedUpTo() === 1, 4000, 'session started');
    disk.tags.add('room-i');
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('storage quota'));
    const ended = await world.worker.command({ type: 'session.end', sessionId: `douyin:room-i:${t0}` });
    expect(ended).toMatchObject({ ok: false });
    expect(ended.error).toMatch(/could not be kept/);
  });
});

describe('comments after a page reload', () => {
  it('300 viewers repeating 扣1 at times the page before used are all stored; a true resend is not', async () => {
    const world = setup();
    const t0 = Date.now() - 5 * MIN;
    const page = world.open('room-j');
    // 150 comments per reading (a reading carries at most 200).
    const kou1 = (from: number) =>
      Array.from({ length: 150 }, (_, i) => ({
        ts: from + i,
        user: `user${i % 30}`,
        text: i % 2 ? '扣1' : '1',
      }));
    page.post([page.sample(t0, { viewers: 100 })]);
    page.post([page.sample(t0 + 200, { viewers: 101 }, { comments: kou1(t0 + 1) })]);
    page.post([page.sample(t0 + 400, { viewers: 102 }, { comments: kou1(t0 + 201) })]);
    await until(() => page.ackedUpTo() === 3, 4000, 'the first load acknowledged');

    // The page reloads; its comment times start again from its clock and meet the ones already stored.
    page.reload();
    page.post([page.sample(t0 + 500, { viewers: 103 }, { comments: kou1(t0 + 1) })]);
    page.post([page.sample(t0 + 700, { viewers: 104 }, { comments: kou1(t0 + 201) })]);
    await until(() => page.ackedUpTo() === 2, 4000, 'the second load acknowledged');
    await world.worker.services.queue.flush();
    expect(await world.worker.db.comments.count()).toBe(600);

    // The worker restarts and the page resends what it sent: nothing is stored twice.
    const worker = world.restart();
    page.post([...page.sent.values()]);
    await until(() => page.messages('ack').length > 0, 4000, 'the resend acknowledged');
    await worker.services.queue.flush();
    expect(await worker.db.comments.count()).toBe(600);
    expect(await worker.db.sessions.get(`douyin:room-j:${t0}`)).toMatchObject({ commentCount: 600 });
  });
});

describe('a flood of comments through the room link', () => {
  it('10,000 in one second are all stored, in order, none silently cut', async () => {
    const world = setup();
    // The content script's real link, its port wired to the worker's listeners.
    const link = createRoomLink({
      connect: () => {
        const worker = new FakeRoomPort({ tab: { id: 41, url: 'https://example.test/room-k' } });
        const toPage: ((message: unknown) => void)[] = [];
        worker.postMessage = (message) => {
          for (const listener of toPage) listener(structuredClone(message));
        };
        const port: PortLike = {
          postMessage: (message) => worker.onMessage.fire(structuredClone(message)),
          disconnect: () => worker.onDisconnect.fire(),
          onMessage: { addListener: (listener) => void toPage.push(listener) },
          onDisconnect: { addListener: () => {} },
        };
        world.worker.connect(worker);
        return port;
      },
      onMessage: () => {},
      isContextValid: () => true,
      postsPerSecond: Number.POSITIVE_INFINITY,
    });
    const t0 = Date.now() - 10 * MIN;
    link.addComments(
      Array.from({ length: 10_000 }, (_, i) => ({ ts: t0, user: `v${i % 97}`, text: `扣${i}` })),
    );
    for (let i = 1; i <= 50; i++)
      link.send({
        ts: t0 + i * SEC,
        site: 'douyin',
        roomKey: 'room-k',
        metrics: { viewers: 1000 + i },
        health: { parsed: ['viewers'], failed: [], missing: [] },
      });
    // A hang guard: the suite runs niced beside the browser tests and a busy core.
    await until(() => link.pending() === 0, 45_000, 'every reading acknowledged');
    const stored = await world.worker.db.comments.orderBy('[sessionId+ts]').toArray();
    expect(stored.map((row) => row.text)).toEqual(Array.from({ length: 10_000 }, (_, i) => `扣${i}`));
    expect(link.health().commentsDropped).toBe(0);
    link.close();
  });
});

describe('a forged end of live', () => {
  it('shown for 11 minutes while the numbers go on never splits the session, and nothing is lost', async () => {
    const world = setup();
    const t0 = Date.now() - 30 * MIN;
    const page = world.open('room-l');
    const at = (i: number, ended = false) =>
      page.sample(t0 + i * 10 * SEC, { viewers: 500 + i }, ended ? { ended: true } : {});
    // Two minutes live, eleven minutes with the end flag up (a viewer's "直播已结束"), then live again.
    const samples = [
      ...Array.from({ length: 12 }, (_, i) => at(i)),
      ...Array.from({ length: 66 }, (_, i) => at(12 + i, true)),
      ...Array.from({ length: 12 }, (_, i) => at(78 + i)),
    ];
    for (const sample of samples) page.post([sample]);
    await until(() => page.ackedUpTo() === samples.length, 4000, 'every reading answered');
    await world.worker.services.queue.flush();
    const { lost, stored, refused } = await answers(world.worker.db, page);
    expect(lost).toEqual([]);
    expect(stored.size + refused.size).toBe(samples.length);
    const sessions = await world.worker.db.sessions.toArray();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ startedAt: t0, lastSampleAt: t0 + 89 * 10 * SEC });
    expect(sessions[0]!.endedAt).toBeUndefined();
  });
});

describe('a clock set back after a reload', () => {
  it('keeps the timelines apart: a new session, shown in health, and no rule on mixed data', async () => {
    let wall = Date.now();
    const worker = startWorker(undefined, { wallNow: () => wall });
    disposeDb(worker.db);
    const page = new RoomPage(() => worker, 1, 'douyin', 'room-n');
    const t0 = wall - 20 * MIN;
    // Twenty minutes of a steady room, each reading arriving as it is read.
    for (let i = 0; i < 120; i++) {
      wall = t0 + i * 10 * SEC;
      page.post([page.sample(wall, { viewers: 1000 + (i % 3) })]);
    }
    await until(() => page.ackedUpTo() === 120, 4000, 'the first twenty minutes');
    await worker.services.queue.flush();
    const old = `douyin:room-n:${t0}`;
    const cuesBefore = await worker.db.cues.where('sessionId').equals(old).count();

    // The page reloads and the computer's clock is set back ten minutes: a surge, dated inside the old time.
    page.reload();
    const back = t0 + 10 * MIN;
    for (let i = 0; i < 30; i++) {
      wall = back + i * 10 * SEC;
      page.post([page.sample(wall, { viewers: 5000 + i * 100 })]);
      await until(() => page.ackedUpTo() === i + 1, 4000, 'each reading after the set-back');
    }
    await worker.services.queue.flush();

    const count = (id: string) =>
      worker.db.samples.where('[sessionId+ts]').between([id, 0], [id, Infinity]).count();
    expect(await worker.db.sessions.get(old)).toMatchObject({
      endReason: 'clock-set-back',
      endedAt: t0 + 119 * 10 * SEC,
    });
    expect(await count(old)).toBe(120);
    expect(await count(`douyin:room-n:${back}`)).toBe(30);
    // Nothing fired in the old session on the surge; the status says what happened.
    expect(await worker.db.cues.where('sessionId').equals(old).count()).toBe(cuesBefore);
    const status = await worker.command({ type: 'status.get' });
    expect(status).toMatchObject({ data: { rooms: [{ roomKey: 'room-n', clockSetBack: { at: back } }] } });
    const byMs = (status.data as { rooms: { clockSetBack: { byMs: number } }[] }).rooms[0]!.clockSetBack.byMs;
    expect(byMs).toBeGreaterThan(9 * MIN);
  });
});
