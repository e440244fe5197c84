import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { LivecueDb } from '../../../lib/store/database';
import type { SampleRow, SessionRow } from '../../../lib/store/rows';
import { writeGroups, writeScope } from '../../../lib/worker/writeQueueDisk';
import {
  addRows,
  addSessionChanges,
  type Group,
  mergeBack,
  newGroup,
  releaseWaiters,
  rowCount,
  setSessionRow,
  waitFor,
} from '../../../lib/worker/writeQueueGroups';
import { RetryBackoff } from '../../../lib/worker/writeQueueRetries';

// The write queue's parts on their own: what one session's group holds, the backoff of failing sessions, and
// what one write holds of the database.

const sample = (sessionId: string, ts: number, viewers: number): SampleRow => ({
  sessionId,
  ts,
  metrics: { viewers },
});
const session = (id: string, title: string) => ({ id, title }) as SessionRow;

function groups() {
  const all = new Map<string, Group>();
  const groupOf = (id: string) => {
    if (!all.has(id)) all.set(id, newGroup(id));
    return all.get(id)!;
  };
  return { all, groupOf };
}

describe('a session group', () => {
  it('keeps one row per key: a resent sample replaces its twin', () => {
    const { all, groupOf } = groups();
    addRows(groupOf, 'samples', [sample('a', 1, 10), sample('a', 2, 20), sample('b', 1, 30)]);
    addRows(groupOf, 'samples', [sample('a', 2, 21)]);
    expect([...all.get('a')!.rows.samples.values()].map((r) => r.metrics.viewers)).toEqual([10, 21]);
    expect(rowCount(all.get('a')!)).toBe(2);
    expect(rowCount(all.get('b')!)).toBe(1);
  });

  it('a whole session row drops earlier field changes; later changes apply over it', () => {
    const group = newGroup('a');
    addSessionChanges(group, { title: 'old' });
    setSessionRow(group, session('a', 'whole'));
    expect(group.hasChanges).toBe(false);
    addSessionChanges(group, { gmv: 5 });
    expect(group).toMatchObject({ row: { title: 'whole' }, changes: { gmv: 5 }, hasChanges: true });
    expect(rowCount(group)).toBe(1);
  });

  it('a failed group goes back under newer rows: the newer row and value win, its waiters move along', async () => {
    const failed = newGroup('a');
    addRows(() => failed, 'samples', [sample('a', 1, 10), sample('a', 2, 20)]);
    setSessionRow(failed, session('a', 'failed'));
    const waiting = waitFor([failed]);
    const newer = newGroup('a');
    addRows(() => newer, 'samples', [sample('a', 2, 22)]);
    setSessionRow(newer, session('a', 'newer'));
    const merged = mergeBack(failed, newer);
    expect(merged).toBe(newer);
    expect([...merged.rows.samples.values()].map((r) => r.metrics.viewers).sort()).toEqual([10, 22]);
    expect(merged.row?.title).toBe('newer');
    releaseWaiters(merged);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('a waiter on two groups resolves only after both were written', async () => {
    const a = newGroup('a');
    const b = newGroup('b');
    let resolved = false;
    void waitFor([a, b, a]).then(() => (resolved = true));
    releaseWaiters(a);
    await Promise.resolve();
    expect(resolved).toBe(false);
    releaseWaiters(b);
    await Promise.resolve();
    expect(resolved).toBe(true);
  });
});

describe('the retry backoff', () => {
  it('doubles per failure up to the cap, and a write that lands clears it', () => {
    const backoff = new RetryBackoff(500, 2000);
    expect(backoff.retryAt('a')).toBe(0);
    expect(backoff.failed('a', new Error('full'), 0)).toBe(500);
    expect(backoff.failed('a', new Error('full'), 0)).toBe(1000);
    expect(backoff.failed('a', new Error('full'), 0)).toBe(2000);
    expect(backoff.failed('a', new Error('full'), 0)).toBe(2000);
    expect(backoff.isFailing('a')).toBe(true);
    backoff.clear('a');
    expect(backoff.isFailing('a')).toBe(false);
    expect(backoff.nextRetry()).toBe(Number.POSITIVE_INFINITY);
  });

  it('reports failing since the first failure, with the inner error of a wrapped one', () => {
    const backoff = new RetryBackoff(500, 30_000);
    const inner = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const error = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner });
    backoff.failed('a', error, 100);
    const first = backoff.status({ state: 'ok' }, 3, 100);
    expect(first).toEqual({
      state: 'failing',
      error: 'AbortError: Transaction aborted (QuotaExceededError: The quota has been exceeded.)',
      pending: 3,
      since: 100,
      sessions: ['a'],
    });
    backoff.failed('b', 'disk gone', 200);
    expect(backoff.status(first, 5, 900)).toMatchObject({ since: 100, sessions: ['a', 'b'] });
    backoff.clear('a');
    backoff.clear('b');
    expect(backoff.status(first, 0, 1000)).toEqual({ state: 'ok' });
  });
});

describe('what one write holds', () => {
  it('holds the sessions table only when it writes session rows, and the row tables it has rows for', () => {
    // Samples and product snapshots may drop a live session's pack record (packGuard.ts): the records come too.
    expect(writeScope(true, ['samples'])).toEqual(['sessions', 'samples', 'samplePacks']);
    expect(writeScope(false, ['cues', 'actions'])).toEqual(['cues', 'actions']);
    expect(writeScope(true, [])).toEqual(['sessions']);
    expect(writeScope(false, ['productSnapshots'])).toEqual(['productSnapshots', 'productPacks']);
  });

  it('a write of nothing still holds one table, so it commits in turn', () => {
    expect(writeScope(false, [])).toEqual(['sessions']);
  });

  it('writes a session row, field changes and rows through the tables it holds', async () => {
    const db = new LivecueDb(`livecue-write-scope-${Date.now()}`);
    try {
      await db.sessions.put(session('s2', 'before'));
      const { all, groupOf } = groups();
      setSessionRow(groupOf('s1'), session('s1', 'live'));
      addRows(groupOf, 'samples', [sample('s1', 1000, 5), sample('s1', 2000, 6)]);
      addSessionChanges(groupOf('s2'), { title: 'changed' });
      await writeGroups(db, [...all.values()]);
      expect((await db.sessions.get('s1'))?.title).toBe('live');
      expect((await db.sessions.get('s2'))?.title).toBe('changed');
      expect(await db.samples.count()).toBe(2);
      expect(await db.cues.count()).toBe(0);

      // Rows only (no session row, no change): the sessions table is left out and the rows still land.
      const next = groups();
      addRows(next.groupOf, 'samples', [sample('s1', 3000, 7)]);
      await writeGroups(db, [...next.all.values()]);
      expect(await db.samples.count()).toBe(3);
    } finally {
      db.close();
      await Dexie.delete(db.name);
    }
  });
});
