import { type DBCore, Dexie, type Middleware } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LivecueDb } from '../../../lib/store/database';
import type { CueRow, SampleRow, SessionRow } from '../../../lib/store/rows';
import { createWriteQueue, type WriteStatus } from '../../../lib/worker/writeQueue';

let dbCount = 0;
const opened: LivecueDb[] = [];
function freshDb(): LivecueDb {
  const db = new LivecueDb(`livecue-queue-${Date.now()}-${dbCount++}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/**
 * Counts write transactions and fails every write while `failWith` is set, the way a full disk does — or
 * only writes touching `failFor` (a session id), the way one session's rows can fail mid-batch.
 */
function instrument(db: LivecueDb) {
  const control = { transactions: 0, failWith: null as Error | null, failFor: null as string | null };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-instrument',
    create: (down) => ({
      ...down,
      transaction(stores, mode, options) {
        if (mode === 'readwrite') control.transactions += 1;
        return down.transaction(stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request) => {
            const touches =
              control.failFor !== null &&
              JSON.stringify('values' in request ? request.values : null).includes(`"${control.failFor}"`);
            if (control.failWith && (control.failFor === null || touches))
              return Promise.reject(control.failWith);
            return table.mutate(request);
          },
        };
      },
    }),
  };
  db.use(middleware);
  return control;
}

/** How long a wait on a condition may take before the test gives up (a hang guard, not a budget). */
const WAIT = { timeout: 10_000, interval: 2 };

const health = { parsed: [], failed: [], missing: [] };
const sample = (sessionId: string, ts: number, viewers: number): SampleRow => ({
  sessionId,
  ts,
  metrics: { viewers },
  health,
});
const session = (id: string, startedAt: number): SessionRow => ({
  id,
  site: 'douyin',
  roomKey: id,
  title: '直播间',
  startedAt,
  lastSampleAt: startedAt,
  ruleSettings: {},
  peakViewers: null,
  gmv: null,
  cuesFired: 0,
  cuesActed: 0,
});
const cue = (id: string, status: CueRow['status']): CueRow => ({
  id,
  sessionId: 'a',
  ruleId: 'traffic-drop',
  firedAt: 2000,
  severity: 'act',
  title: 'cue.traffic-drop.title',
  detail: 'cue.traffic-drop.detail',
  params: {},
  evidence: [],
  expiresAt: 5000,
  status,
});

describe('createWriteQueue', () => {
  it('writes everything enqueued in one task in a single transaction', async () => {
    const db = freshDb();
    const control = instrument(db);
    await db.open();
    const queue = createWriteQueue(db);
    const writes = [
      queue.enqueue({ sessions: [session('a', 1000), session('b', 1000)] }),
      queue.enqueue({ samples: [sample('a', 1000, 10), sample('b', 1000, 20)] }),
      queue.enqueue({ samples: [sample('a', 2000, 11)], cues: [cue('c1', 'active')] }),
      queue.enqueue({ actions: [{ id: 'x1', sessionId: 'a', ts: 2500, type: 'tick' }] }),
    ];
    await Promise.all(writes);
    expect(control.transactions).toBe(1);
    expect(await db.samples.count()).toBe(3);
    expect(await db.sessions.count()).toBe(2);
    expect(await db.cues.get('c1')).toMatchObject({ status: 'active' });
    expect(await db.actions.count()).toBe(1);
    expect(queue.status()).toEqual({ state: 'ok' });
  });

  it('keeps one row per sample key and per cue id however often they are resent', async () => {
    const db = freshDb();
    const queue = createWriteQueue(db);
    await queue.enqueue({
      samples: [sample('a', 1000, 10), sample('a', 2000, 11)],
      cues: [cue('c1', 'active')],
    });
    // The content script resends what it had not seen acknowledged; the refold re-emits the cue.
    await queue.enqueue({
      samples: [sample('a', 2000, 11), sample('a', 3000, 12)],
      cues: [cue('c1', 'done')],
    });
    expect((await db.samples.toArray()).map((row) => row.ts)).toEqual([1000, 2000, 3000]);
    expect(await db.cues.toArray()).toEqual([cue('c1', 'done')]);
  });

  it('applies session field updates after the whole row, in the order they came', async () => {
    const db = freshDb();
    const queue = createWriteQueue(db);
    void queue.enqueue({ sessions: [session('a', 1000)] });
    void queue.enqueue({ sessionChanges: [{ id: 'a', changes: { peakViewers: 50, lastSampleAt: 2000 } }] });
    await queue.enqueue({ sessionChanges: [{ id: 'a', changes: { lastSampleAt: 3000 } }] });
    expect(await db.sessions.get('a')).toMatchObject({
      peakViewers: 50,
      lastSampleAt: 3000,
      startedAt: 1000,
    });
    await queue.enqueue({ sessionChanges: [{ id: 'a', changes: { endedAt: 3000, endReason: 'operator' } }] });
    expect(await db.sessions.get('a')).toMatchObject({
      peakViewers: 50,
      endedAt: 3000,
      endReason: 'operator',
    });
  });

  it('keeps a failed batch in memory, reports failing, retries and loses nothing', async () => {
    const db = freshDb();
    const control = instrument(db);
    await db.open();
    const statuses: WriteStatus[] = [];
    let clock = 50_000;
    const queue = createWriteQueue(db, {
      retryBaseMs: 5,
      maxBackoffMs: 20,
      onStatus: (s) => statuses.push(s),
      now: () => clock,
    });

    control.failWith = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    let durable = false;
    const first = queue.enqueue({ samples: [sample('a', 1000, 10), sample('a', 2000, 11)] }).then(() => {
      durable = true;
    });
    // Waits for the failed attempt itself, not for a span of time a busy machine may not honour.
    const failures = () => statuses.filter((s) => s.state === 'failing').length;
    await vi.waitFor(() => expect(failures()).toBeGreaterThanOrEqual(1), WAIT);
    expect(durable).toBe(false);
    const failing = queue.status();
    expect(failing).toMatchObject({ state: 'failing', pending: 2, since: 50_000 });
    expect(failing.state === 'failing' && failing.error).toMatch(/QuotaExceededError/);

    // Rows that arrive while failing wait with the others; `since` keeps the first failure's time.
    clock = 60_000;
    const failedBefore = failures();
    const second = queue.enqueue({ samples: [sample('a', 3000, 12), sample('a', 2000, 11)] });
    // Two more failed attempts: the second of them surely carried the new rows (one may have been in flight).
    await vi.waitFor(() => expect(failures()).toBeGreaterThanOrEqual(failedBefore + 2), WAIT);
    expect(queue.status()).toMatchObject({ state: 'failing', since: 50_000 });
    expect(queue.pending()).toBe(3);
    expect(await db.samples.count()).toBe(0);

    control.failWith = null;
    await Promise.all([first, second]);
    expect(durable).toBe(true);
    expect(queue.status()).toEqual({ state: 'ok' });
    expect(statuses.at(-1)).toEqual({ state: 'ok' });
    expect(statuses.filter((s) => s.state === 'failing').length).toBeGreaterThanOrEqual(2);
    expect((await db.samples.toArray()).map((row) => row.ts)).toEqual([1000, 2000, 3000]);
    expect(queue.pending()).toBe(0);
  });

  it('keeps the newer row when a resent one arrives while the older write is failing', async () => {
    const db = freshDb();
    const control = instrument(db);
    await db.open();
    const queue = createWriteQueue(db, { retryBaseMs: 5 });
    control.failWith = new Error('disk full');
    const first = queue.enqueue({ cues: [cue('c1', 'active')] });
    await vi.waitFor(() => expect(queue.status().state).toBe('failing'), WAIT);
    const second = queue.enqueue({ cues: [cue('c1', 'dismissed')] });
    control.failWith = null;
    await Promise.all([first, second]);
    expect(await db.cues.toArray()).toEqual([cue('c1', 'dismissed')]);
  });

  it('reopens a closed database instead of failing', async () => {
    const db = freshDb();
    await db.open();
    const queue = createWriteQueue(db);
    db.close();
    await queue.enqueue({ samples: [sample('a', 1000, 10)] });
    expect(await db.samples.count()).toBe(1);
    expect(queue.status()).toEqual({ state: 'ok' });
  });

  it('flush resolves when everything enqueued so far is durable', async () => {
    const db = freshDb();
    const queue = createWriteQueue(db, { batchDelayMs: 10_000 });
    void queue.enqueue({ samples: [sample('a', 1000, 10), sample('a', 2000, 10)] });
    expect(queue.pending()).toBe(2);
    await queue.flush();
    expect(queue.pending()).toBe(0);
    expect(await db.samples.count()).toBe(2);
    await queue.flush();
    queue.stop();
  });

  it("writes the other sessions' rows when one session's rows fail, and keeps the failing ones", async () => {
    const db = freshDb();
    const control = instrument(db);
    await db.open();
    const queue = createWriteQueue(db, { retryBaseMs: 5, maxBackoffMs: 20 });
    control.failWith = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    control.failFor = 'a';
    let aDurable = false;
    const a = queue.enqueue({ samples: [sample('a', 1000, 10)] }).then(() => {
      aDurable = true;
    });
    const b = queue.enqueue({ samples: [sample('b', 1000, 20)], sessions: [session('b', 1000)] });
    await b;
    expect(aDurable).toBe(false);
    expect(await db.samples.toArray()).toEqual([sample('b', 1000, 20)]);
    expect(queue.status()).toMatchObject({ state: 'failing', sessions: ['a'], pending: 1 });
    // New rows of the healthy session keep landing while the other keeps failing.
    await queue.enqueue({ samples: [sample('b', 2000, 21)] });
    expect(await db.samples.count()).toBe(2);

    control.failWith = null;
    await a;
    expect(queue.status()).toEqual({ state: 'ok' });
    expect(await db.samples.count()).toBe(3);
  });

  it('discards the queued rows of deleted sessions and waits for any of their writes in flight', async () => {
    const db = freshDb();
    const control = instrument(db);
    await db.open();
    const queue = createWriteQueue(db, { retryBaseMs: 5 });
    control.failWith = new Error('disk full');
    control.failFor = 'gone';
    const gone = queue.enqueue({ samples: [sample('gone', 1000, 1)] });
    const kept = queue.enqueue({ samples: [sample('kept', 1000, 2)] });
    await kept;
    expect(queue.status().state).toBe('failing');
    await queue.discard(['gone']);
    await gone;
    expect(queue.status()).toEqual({ state: 'ok' });
    expect(queue.pending()).toBe(0);
    control.failWith = null;
    await queue.flush();
    expect((await db.samples.toArray()).map((row) => row.sessionId)).toEqual(['kept']);
  });

  it('holds what a session has queued, for a refold that must not miss it', async () => {
    const db = freshDb();
    const queue = createWriteQueue(db, { batchDelayMs: 10_000 });
    const snapshot = { sessionId: 'a', productId: '1729', ts: 1000, metrics: { stock: 9 } };
    const pin = { sessionId: 'a', ts: 1000, productId: '1729' };
    void queue.enqueue({
      samples: [sample('a', 1000, 1)],
      actions: [{ id: 't', sessionId: 'a', ts: 1500, type: 'tick' }],
      productSnapshots: [snapshot],
      productPins: [pin],
    });
    const none = {
      samples: [],
      actions: [],
      comments: [],
      productSnapshots: [],
      productPins: [],
      productLatest: [],
    };
    expect(queue.held('a')).toEqual({
      ...none,
      samples: [sample('a', 1000, 1)],
      actions: [{ id: 't', sessionId: 'a', ts: 1500, type: 'tick' }],
      productSnapshots: [snapshot],
      productPins: [pin],
    });
    expect(queue.held('b')).toEqual(none);
    await queue.flush();
    expect(queue.held('a')).toEqual(none);
    expect(await db.productSnapshots.toArray()).toEqual([snapshot]);
    expect(await db.productPins.toArray()).toEqual([pin]);
    queue.stop();
  });
});
