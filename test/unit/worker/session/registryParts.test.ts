import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultRuleSettings } from '../../../../lib/core/engine/ruleSettings';
import type { Sample } from '../../../../lib/core/messages/sample';
import { type LivecueDb, openLivecueDb } from '../../../../lib/store/database';
import type { SessionRow } from '../../../../lib/store/rows';
import { DEFAULT_SESSION_TIMING } from '../../../../lib/worker/session/decideSession';
import { newBatch, RoomCache } from '../../../../lib/worker/session/roomCache';
import { SampleFiling } from '../../../../lib/worker/session/sampleFiling';
import { SessionCommands } from '../../../../lib/worker/session/sessionCommands';
import { closedSession, reopenedSession, toSampleRow } from '../../../../lib/worker/session/sessionRows';
import { createWriteQueue } from '../../../../lib/worker/writeQueue';

// The session registry's parts on their own: the room cache (chains, engines refolded from disk and queue),
// the path of a sample, and the commands, each on a real (fake-indexeddb) database.

const dbs: LivecueDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

function parts(wall = 0) {
  const db = openLivecueDb(`parts-${Math.random()}`);
  dbs.push(db);
  const queue = createWriteQueue(db);
  const cache = new RoomCache(db, queue);
  const settings = async () => ({ rules: defaultRuleSettings() as Record<string, unknown>, plan: [] });
  const filing = new SampleFiling(cache, { settings, timing: DEFAULT_SESSION_TIMING, wallNow: () => wall });
  const commands = new SessionCommands(cache, DEFAULT_SESSION_TIMING, () => wall);
  return { db, queue, cache, filing, commands };
}

let seq = 0;
const sample = (ts: number, viewers: number | null, extra: Partial<Sample> = {}): Sample => ({
  seq: ++seq,
  ts,
  site: 'douyin',
  roomKey: 'r1',
  title: 't',
  metrics: { viewers },
  health: { parsed: viewers === null ? [] : ['viewers'], failed: [], missing: [] },
  ...extra,
});

describe('session rows', () => {
  it('a closed session keeps its first end; a reopened one has none', () => {
    const row = { id: 's', startedAt: 0, lastSampleAt: 5 } as SessionRow;
    const ended = closedSession(row, 5, 'operator');
    expect(closedSession(ended, 9, 'silence')).toMatchObject({ endedAt: 5, endReason: 'operator' });
    expect(reopenedSession(ended)).toEqual(row);
    expect(toSampleRow('s', sample(3, 7, { capped: [] }))).toEqual({
      sessionId: 's',
      ts: 3,
      metrics: { viewers: 7 },
      health: { parsed: ['viewers'], failed: [], missing: [] },
    });
  });
});

describe('the room cache', () => {
  it("runs a room's work in order, even when an earlier task waits", async () => {
    const { cache } = parts();
    const order: string[] = [];
    const slow = cache.inRoom('douyin', 'r1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow');
    });
    const fast = cache.inRoom('douyin', 'r1', () => void order.push('fast'));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['slow', 'fast']);
  });

  it('refolds an engine from what is on disk and what is still queued', async () => {
    const { db, filing, queue } = parts();
    await filing.ingest([sample(1000, 10), sample(2000, 20)]);
    await queue.flush();
    queue.stop();
    const row = (await db.sessions.toArray())[0]!;
    // A new cache (a restarted worker) whose queue holds a row not yet written.
    const later = createWriteQueue(db, { batchDelayMs: 60_000 });
    void later.enqueue({ samples: [{ sessionId: row.id, ts: 3000, metrics: { viewers: 30 } }] });
    const fresh = new RoomCache(db, later);
    const engine = await fresh.inRoom('douyin', 'r1', (room) => fresh.engineFor(room, row, newBatch()));
    expect(engine?.samples.map((s) => s.ts)).toEqual([1000, 2000, 3000]);
    later.stop();
  });

  it("builds the rules' schemas while a room's sessions are first read, not after", async () => {
    // The room cache on a fresh module graph, with the rules' schemas watched (built on their first call).
    vi.resetModules();
    const asked = vi.fn();
    vi.doMock('../../../../lib/core/engine/ruleSettings', async (importOriginal) => {
      const actual = await importOriginal<typeof import('../../../../lib/core/engine/ruleSettings')>();
      return {
        ...actual,
        ruleSettingsSchema: () => {
          asked();
          return actual.ruleSettingsSchema();
        },
      };
    });
    try {
      const { RoomCache } = await import('../../../../lib/worker/session/roomCache');
      const { EndIntents } = await import('../../../../lib/worker/session/endIntents');
      const { db, queue } = parts();
      // Storage that answers late, as a restarted worker's first reads do.
      let answer!: () => void;
      const late = new Promise<void>((resolve) => {
        answer = resolve;
      });
      const notes = new EndIntents({ get: async () => late.then(() => ({})), set: async () => undefined });
      const cache = new RoomCache(db, queue, notes);
      const loaded = cache.inRoom('douyin', 'r1', (room) => room.sessions.size);
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(asked).toHaveBeenCalledTimes(1);
      answer();
      expect(await loaded).toBe(0);
      // A room already loaded asks for nothing more.
      await cache.inRoom('douyin', 'r1', () => undefined);
      expect(asked).toHaveBeenCalledTimes(1);
    } finally {
      vi.doUnmock('../../../../lib/core/engine/ruleSettings');
      vi.resetModules();
    }
  });

  it("builds a loaded session's engine while its rows are read, and files them in it", async () => {
    const { db, filing, queue } = parts();
    await filing.ingest([sample(1000, 10), sample(2000, 20)]);
    await queue.flush();
    queue.stop();
    const stored = (await db.sessions.toArray())[0]!;
    // Rule settings that note when the engine's parse reads them.
    let parsedAt: 'before the read' | 'after the read' | undefined;
    let readDone = false;
    const ruleSettings = {
      get 'traffic-drop'() {
        parsedAt ??= readDone ? 'after the read' : 'before the read';
        return { dropPct: 30 };
      },
    };
    const row = { ...stored, ruleSettings } as unknown as SessionRow;
    // A restarted worker's database that answers late (still opening).
    let answer!: () => void;
    const late = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const read = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    (db as unknown as { transaction: unknown }).transaction = async (...args: unknown[]) => {
      await late;
      const result = await read(...args);
      readDone = true;
      return result;
    };
    const fresh = new RoomCache(db, createWriteQueue(db));
    const loading = fresh.inRoom('douyin', 'r1', (room) => fresh.engineFor(room, row, newBatch(), 1000));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(parsedAt).toBe('before the read');
    answer();
    const engine = await loading;
    expect(engine?.samples.map((s) => s.ts)).toEqual([1000, 2000]);
    expect(engine?.engine).toBeDefined();
  });

  it('closes an open session whose rule settings build no engine, into the batch', async () => {
    const { cache } = parts();
    const broken = {
      id: 'douyin:r1:0',
      site: 'douyin',
      roomKey: 'r1',
      startedAt: 0,
      lastSampleAt: 10,
      ruleSettings: { 'traffic-drop': { dropPct: 'lots' } },
    } as unknown as SessionRow;
    const batch = newBatch();
    const engine = await cache.inRoom('douyin', 'r1', (room) => cache.engineFor(room, broken, batch));
    expect(engine).toBeUndefined();
    expect(batch.sessions).toMatchObject([{ id: broken.id, endedAt: 10, endReason: 'silence' }]);
  });
});

describe('filing samples', () => {
  it('starts a session, stores readings, refuses an unread first reading with a reason', async () => {
    const { db, filing, queue } = parts();
    const first = await filing.ingest([sample(500, null)]);
    expect(first.refused).toEqual([{ seq: seq, reason: 'unread' }]);
    expect(filing.unreadRooms()).toMatchObject([{ roomKey: 'r1' }]);
    const filed = await filing.ingest([sample(2000, 20), sample(1000, 10)]);
    expect(filed.refused).toEqual([]);
    await filed.durable;
    await queue.flush();
    expect(await db.sessions.toArray()).toMatchObject([
      { startedAt: 1000, lastSampleAt: 2000, peakViewers: 20 },
    ]);
    expect(filing.unreadRooms()).toEqual([]);
  });
});

describe('session commands', () => {
  it("the operator's End closes the open session at the session's clock", async () => {
    const { db, filing, commands, queue } = parts(10_000);
    await filing.ingest([sample(1000, 10)]);
    const row = { id: 'douyin:r1:1000' };
    const { session, durable } = await commands.end(row.id);
    await durable;
    await queue.flush();
    expect(session).toMatchObject({ endReason: 'operator' });
    expect(await db.sessions.get(row.id)).toMatchObject({ endReason: 'operator' });
  });
});
