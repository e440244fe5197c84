import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultRuleSettings } from '../../../../lib/core/engine/ruleSettings';
import type { Sample } from '../../../../lib/core/messages/sample';
import type { MetricId } from '../../../../lib/core/metrics/metricCatalog';
import { createScenarioPlayer } from '../../../../lib/core/scenario/scenarioPlayer';
import { parseScenario } from '../../../../lib/core/scenario/scenarioSchema';
import { type LivecueDb, openLivecueDb } from '../../../../lib/store/database';
import { LiveSession } from '../../../../lib/worker/session/liveSession';
import { SessionRegistry } from '../../../../lib/worker/session/sessionRegistry';
import { createWriteQueue } from '../../../../lib/worker/writeQueue';
import { readRuns } from '../../../../scripts/replay/readRuns';
import { replayRun } from '../../../../scripts/replay/replayRun';

// The session registry on a real (fake-indexeddb) database: samples in, sessions, samples and cues out;
// a worker restart in the middle loses nothing and the stored cues equal a replay.

const dbs: LivecueDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function scenarioSamples(name: string): Sample[] {
  const parsed = parseScenario(JSON.parse(readFileSync(`test/scenarios/${name}.json`, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  const samples: Sample[] = [];
  let seq = 0;
  for (const step of createScenarioPlayer(parsed.scenario).samples()) {
    const metrics = step.metrics;
    const parsedIds = Object.keys(metrics).filter((k) => metrics[k as MetricId] !== null) as MetricId[];
    samples.push({
      seq: ++seq,
      ts: step.ts,
      site: 'generic',
      roomKey: 'room-1',
      title: '测试直播间',
      metrics,
      product: step.product,
      health: { parsed: parsedIds, failed: [], missing: [] },
    });
  }
  return samples;
}

function pipeline(db: LivecueDb) {
  const queue = createWriteQueue(db);
  const registry = new SessionRegistry(db, queue, {
    settings: async () => ({ rules: defaultRuleSettings() as Record<string, unknown>, plan: [] }),
    wallNow: () => 0,
  });
  /** What the room port does: place the batch, then wait until it is durable (the acknowledgement). */
  const ingest = async (samples: Sample[]) => {
    const filed = await registry.ingest(samples);
    await filed.durable;
    return filed;
  };
  return { registry, ingest, queue };
}

/** A worker that files `samples` one reading at a time, writes them all, then stops (its memory is gone). */
async function storedByAWorkerThatStops(db: LivecueDb, samples: readonly Sample[]): Promise<void> {
  const worker = pipeline(db);
  for (const sample of samples) await worker.ingest([sample]);
  await worker.queue.flush();
  worker.queue.stop();
}

async function storedExport(db: LivecueDb) {
  const [session] = await db.sessions.toArray();
  return {
    format: 'livecue-export',
    schemaVersion: 1,
    exportedAt: 0,
    sessions: [
      {
        session,
        samples: await db.samples.toArray(),
        actions: await db.actions.toArray(),
        cues: await db.cues.toArray(),
      },
    ],
  };
}

/** The cues the database holds are the ones a replay of its stored session fires (and there are some). */
async function expectStoredCuesAsReplayed(db: LivecueDb): Promise<void> {
  const read = readRuns(await storedExport(db), 'stored');
  if (!read.ok) throw new Error(read.error);
  const replayed = replayRun(read.runs[0]!).map((c) => `${c.id} ${c.status}`);
  const stored = (await db.cues.toArray()).map((c) => `${c.id} ${c.status}`);
  expect(replayed.length).toBeGreaterThan(0);
  expect(stored.sort()).toEqual(replayed.sort());
}

describe('SessionRegistry', () => {
  it('turns a room with a sharp drop into one session with a traffic-drop cue', async () => {
    const db = openLivecueDb(`ingest-${Math.random()}`);
    dbs.push(db);
    const { ingest, queue } = pipeline(db);
    for (const sample of scenarioSamples('thin-drop')) await ingest([sample]);
    await queue.flush();
    expect(await db.sessions.count()).toBe(1);
    expect(await db.samples.count()).toBe(scenarioSamples('thin-drop').length);
    const cues = await db.cues.toArray();
    expect(cues.map((c) => c.ruleId)).toContain('traffic-drop');
    const session = (await db.sessions.toArray())[0]!;
    expect(session).toMatchObject({ title: '测试直播间', cuesFired: cues.length });
    expect(session.peakViewers).toBeGreaterThan(1000);
  });

  it('survives a worker restart mid-session: resends are ignored and cues equal the replay', async () => {
    const db = openLivecueDb(`ingest-${Math.random()}`);
    dbs.push(db);
    const samples = scenarioSamples('evening-drop').slice(0, 900);
    await storedByAWorkerThatStops(db, samples.slice(0, 500));

    // A new worker: nothing in memory; the room resends its last unacknowledged samples, then goes on.
    const second = pipeline(db);
    await second.ingest(samples.slice(480, 520));
    for (const sample of samples.slice(520)) await second.ingest([sample]);
    await second.queue.flush();

    expect(await db.sessions.count()).toBe(1);
    expect(await db.samples.count()).toBe(900);
    await expectStoredCuesAsReplayed(db);
  }, 60_000);

  it('after a restart stores the reading it woke for before refolding, then keeps and tells its cues', async () => {
    const db = openLivecueDb(`cold-${Math.random()}`);
    dbs.push(db);
    const samples = scenarioSamples('thin-drop');
    // The first worker stops just before the drop's cue; the restarted one is woken by the rest.
    const all = pipeline(db);
    let firesAt = -1;
    for (const [i, sample] of samples.entries()) {
      await all.ingest([sample]);
      if ((await db.cues.count()) > 0) {
        firesAt = i;
        break;
      }
    }
    expect(firesAt).toBeGreaterThan(0);
    all.queue.stop();
    await db.delete();
    const cold = openLivecueDb(`cold-${Math.random()}`);
    dbs.push(cold);
    await storedByAWorkerThatStops(cold, samples.slice(0, firesAt));
    expect(await cold.cues.count()).toBe(0);

    const order: string[] = [];
    const realRefold = LiveSession.prototype.refold;
    const spy = vi.spyOn(LiveSession.prototype, 'refold').mockImplementation(function (this: LiveSession) {
      order.push('refold');
      return realRefold.call(this);
    });
    try {
      const second = pipeline(cold);
      const told: string[] = [];
      second.registry.onCueChange(({ changed }) => told.push(...changed.map((c) => c.ruleId)));
      const filed = await second.registry.ingest([samples[firesAt]!]);
      await filed.durable.then(() => order.push('stored'));
      await vi.waitFor(() => expect(told).toContain('traffic-drop'));
      await second.queue.flush();
      expect(order.slice(0, 2)).toEqual(['stored', 'refold']);
      const cues = await cold.cues.toArray();
      expect(cues.map((c) => c.ruleId)).toContain('traffic-drop');
      const session = (await cold.sessions.toArray())[0]!;
      expect(session.cuesFired).toBe(cues.length);
      expect(await cold.samples.count()).toBe(firesAt + 1);
    } finally {
      spy.mockRestore();
    }
  });

  it('after a restart reads only the rows from its first batch on, stores it, then reads the rest to fold', async () => {
    const db = openLivecueDb(`tail-${Math.random()}`);
    dbs.push(db);
    const samples = scenarioSamples('evening-drop').slice(0, 700);
    await storedByAWorkerThatStops(db, samples.slice(0, 600));

    const order: string[] = [];
    const realTakeEarlier = LiveSession.prototype.takeEarlier;
    const spy = vi.spyOn(LiveSession.prototype, 'takeEarlier').mockImplementation(function (
      this: LiveSession,
      rows,
      comments,
    ) {
      order.push(`read before ${this.heldFrom}, holding ${this.samples.length} rows`);
      return realTakeEarlier.call(this, rows, comments);
    });
    try {
      // A new worker: the room resends its last unacknowledged readings and goes on.
      const second = pipeline(db);
      const filed = await second.registry.ingest(samples.slice(590, 610));
      await filed.durable.then(() => order.push('stored'));
      await vi.waitFor(() => expect(order).toHaveLength(2));
      expect(order).toEqual(['stored', `read before ${samples[590]!.ts}, holding 20 rows`]);
      for (const sample of samples.slice(610)) await second.ingest([sample]);
      await second.queue.flush();
      expect(await db.samples.count()).toBe(700);
      await expectStoredCuesAsReplayed(db);
    } finally {
      spy.mockRestore();
    }
  }, 60_000);

  it('after a restart, a resend older than the first batch reads the earlier rows first and finds its twin', async () => {
    const db = openLivecueDb(`tail-${Math.random()}`);
    dbs.push(db);
    const samples = scenarioSamples('evening-drop').slice(0, 400);
    await storedByAWorkerThatStops(db, samples.slice(0, 300));

    const second = pipeline(db);
    // Placed (not yet durable), so the next batch runs in the room before the session's first fold.
    const newer = await second.registry.ingest(samples.slice(295, 305));
    const older = await second.registry.ingest([samples[120]!, samples[121]!]);
    expect(older.refused).toEqual([]);
    await Promise.all([newer.durable, older.durable]);
    await second.queue.flush();
    const rows = await db.samples.toArray();
    expect(rows).toHaveLength(305);
    expect(new Set(rows.map((row) => row.ts))).toEqual(new Set(samples.slice(0, 305).map((s) => s.ts)));
  });

  it('starts no session for a page with nothing readable, and reports the room as unread', async () => {
    const db = openLivecueDb(`ingest-${Math.random()}`);
    dbs.push(db);
    const { ingest, registry } = pipeline(db);
    const empty: Sample = {
      seq: 1,
      ts: 1_800_000_000_000,
      site: 'kuaishou',
      roomKey: 'r',
      metrics: {},
      health: { parsed: [], failed: [{ metric: 'viewers', raw: '--', reason: 'dash' }], missing: ['gmv'] },
    };
    const filed = await ingest([empty]);
    expect(filed.refused).toEqual([{ seq: 1, reason: 'unread' }]);
    expect(await db.sessions.count()).toBe(0);
    expect(registry.unreadRooms()).toMatchObject([{ site: 'kuaishou', roomKey: 'r', health: empty.health }]);
  });

  it('records done as an action and marks the cue done', async () => {
    const db = openLivecueDb(`ingest-${Math.random()}`);
    dbs.push(db);
    const { ingest, queue, registry } = pipeline(db);
    for (const sample of scenarioSamples('thin-drop').slice(0, 100)) await ingest([sample]);
    await queue.flush();
    const cue = (await db.cues.toArray()).find((c) => c.ruleId === 'traffic-drop')!;
    const updated = await registry.act(cue.id, 'done');
    expect(updated.cue?.status).toBe('done');
    await updated.durable;
    await queue.flush();
    expect((await db.cues.get(cue.id))?.status).toBe('done');
    expect(
      await db.actions.where('[sessionId+ts]').between([cue.sessionId, 0], [cue.sessionId, Infinity]).count(),
    ).toBe(1);
  });
});

describe('SessionRegistry around deletes, imports and time', () => {
  const T0 = Date.UTC(2026, 10, 24, 12);
  const live = (seq: number, ts: number, viewers: number): Sample => ({
    seq,
    ts,
    site: 'douyin',
    roomKey: 'r',
    metrics: { viewers },
    health: { parsed: ['viewers'], failed: [], missing: [] },
  });

  it('a deleted session does not come back from rows still queued, and the room starts afresh', async () => {
    const db = openLivecueDb(`registry-${Math.random()}`);
    dbs.push(db);
    const queue = createWriteQueue(db, { batchDelayMs: 10_000 });
    const registry = new SessionRegistry(db, queue, {
      settings: async () => ({ rules: {}, plan: [] }),
      wallNow: () => T0,
    });
    const first = await registry.ingest([live(1, T0, 10), live(2, T0 + 1000, 11)]);
    await registry.forget([`douyin:r:${T0}`]);
    await first.durable;
    await queue.flush();
    expect(await db.sessions.count()).toBe(0);
    const next = await registry.ingest([live(3, T0 + 2000, 12)]);
    await queue.flush();
    await next.durable;
    expect((await db.sessions.toArray()).map((row) => row.id)).toEqual([`douyin:r:${T0 + 2000}`]);
  });

  it('folds rows an import added to the session it is reading', async () => {
    const db = openLivecueDb(`registry-${Math.random()}`);
    dbs.push(db);
    const queue = createWriteQueue(db);
    const registry = new SessionRegistry(db, queue, {
      settings: async () => ({ rules: {}, plan: [] }),
      wallNow: () => T0,
    });
    await (await registry.ingest([live(1, T0, 10), live(2, T0 + 2000, 12)])).durable;
    const id = `douyin:r:${T0}`;
    await db.samples.add({ sessionId: id, ts: T0 + 1000, metrics: { viewers: 11 } });
    await registry.imported([(await db.sessions.get(id))!]);
    await (await registry.ingest([live(3, T0 + 3000, 13)])).durable;
    expect((await db.samples.toArray()).map((row) => row.metrics.viewers)).toEqual([10, 11, 12, 13]);
  });

  it('ends a session silent past the limit when time passes, and ticks the others', async () => {
    const db = openLivecueDb(`registry-${Math.random()}`);
    dbs.push(db);
    let wall = T0;
    const queue = createWriteQueue(db);
    const registry = new SessionRegistry(db, queue, {
      settings: async () => ({ rules: {}, plan: [] }),
      timing: { silenceMs: 60_000 },
      wallNow: () => wall,
    });
    await (await registry.ingest([live(1, T0, 10)])).durable;
    await (await registry.ingest([{ ...live(2, T0, 5), roomKey: 'other' }])).durable;
    wall = T0 + 30_000;
    await (await registry.ingest([{ ...live(3, T0 + 30_000, 6), roomKey: 'other' }])).durable;
    wall = T0 + 70_000;
    await registry.tick();
    await queue.flush();
    expect(await db.sessions.get(`douyin:r:${T0}`)).toMatchObject({ endedAt: T0, endReason: 'silence' });
    expect((await db.sessions.get(`douyin:other:${T0}`))?.endedAt).toBeUndefined();
    expect((await db.actions.toArray()).map((row) => [row.sessionId, row.type])).toEqual([
      [`douyin:other:${T0}`, 'tick'],
    ]);
  });
});

describe('SessionRegistry and the comment stream', () => {
  const reading = (seq: number, ts: number, comments: Sample['comments']): Sample => ({
    seq,
    ts,
    site: 'generic',
    roomKey: 'room-1',
    metrics: { viewers: 500 },
    health: { parsed: ['viewers'], failed: [], missing: [] },
    ...(comments && { comments }),
  });

  it("files a sample's comments in its session, classified, counted, once however often they are resent", async () => {
    const db = openLivecueDb(`comments-${Math.random()}`);
    dbs.push(db);
    const { ingest } = pipeline(db);
    const T = Date.UTC(2026, 10, 24, 12);
    await ingest([reading(1, T, undefined)]);
    const comments = [
      { ts: T + 200, user: '小王', text: '165/120斤穿什么码' },
      { ts: T + 201, user: 'Ann', text: 'how much is it??' },
      { ts: T + 202, user: '小李', text: '主播好美 666' },
    ];
    await ingest([reading(2, T + 1000, comments)]);
    // The worker died before the ack: the page resends the same sample with the same comments.
    await ingest([reading(2, T + 1000, comments)]);
    // Another comment read at a time a different one already holds moves to the next free millisecond.
    await ingest([reading(3, T + 2000, [{ ts: T + 202, user: '小张', text: '几号链接' }])]);

    const [session] = await db.sessions.toArray();
    expect(session?.commentCount).toBe(4);
    expect((await db.comments.toArray()).map((c) => [c.ts - T, c.user, c.topics])).toEqual([
      [200, '小王', ['size']],
      [201, 'Ann', ['price']],
      [202, '小李', []],
      [203, '小张', ['link']],
    ]);
  });

  it('keeps the comments through a worker restart: the refold folds them from the disk', async () => {
    const db = openLivecueDb(`comments-restart-${Math.random()}`);
    dbs.push(db);
    const T = Date.UTC(2026, 10, 24, 12);
    const first = pipeline(db);
    await first.ingest([reading(1, T, [{ ts: T - 50, user: 'a', text: '多少钱' }])]);
    const second = pipeline(db);
    await second.ingest([reading(2, T + 1000, [{ ts: T + 500, user: 'b', text: '多少钱' }])]);
    expect(await db.comments.count()).toBe(2);
    expect((await db.sessions.toArray())[0]?.commentCount).toBe(2);
  });
});
