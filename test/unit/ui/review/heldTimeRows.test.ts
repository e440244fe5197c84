import { afterEach, beforeEach, expect, it } from 'vitest';
import { LivecueDb } from '../../../../lib/store/database';
import type { CommentRow, SampleRow } from '../../../../lib/store/rows';
import { heldTimeRows, REREAD_MS } from '../../../../lib/ui/review/heldTimeRows';

// A review open while the show goes on reads the session's samples and comments again every few seconds: a
// holder keeps what it read and reads only the newest stretch and the session's row count again, and reads
// everything once the count says a row was filed elsewhere.

const T = Date.UTC(2026, 11, 7, 20);
const SESSION = `douyin:room:${T}`;
let db: LivecueDb;

const sample = (second: number, viewers = 100 + second, sessionId = SESSION): SampleRow => ({
  sessionId,
  ts: T + second * 1000,
  metrics: { viewers },
});
const whole = () => db.samples.where('[sessionId+ts]').between([SESSION, 0], [SESSION, Infinity]).toArray();

beforeEach(async () => {
  db = new LivecueDb(`held-time-rows-${Math.random()}`);
  // Ten minutes of samples, one a second.
  await db.samples.bulkPut(Array.from({ length: 600 }, (_, s) => sample(s)));
});
afterEach(async () => {
  await db.delete();
});

it('reads the session whole first, then what is new, and gives what a whole read gives', async () => {
  const samples = heldTimeRows((d) => d.samples);
  const first = await samples.read(db, SESSION);
  expect(first).toHaveLength(600);

  await db.samples.bulkPut([sample(600), sample(601)]);
  // The newest second written again (a reading sent again with what the page shows now).
  await db.samples.put(sample(599, 7));
  const refreshed = await samples.read(db, SESSION);
  expect(refreshed).toEqual(await whole());
  expect(refreshed[599]?.metrics).toEqual({ viewers: 7 });
  // What a view holds stays as it was read.
  expect(first).toHaveLength(600);
  expect(first.at(-1)?.metrics).toEqual({ viewers: 699 });
});

it('reads everything again when a row was filed at an older time, or rows went away', async () => {
  const samples = heldTimeRows((d) => d.samples);
  await samples.read(db, SESSION);
  // A sample resent after a long disconnect, filed at its own time, long before the newest.
  await db.samples.put({ ...sample(0), ts: T + 500 });
  expect(await samples.read(db, SESSION)).toEqual(await whole());

  await db.samples
    .where('[sessionId+ts]')
    .between([SESSION, 0], [SESSION, T + 10_000])
    .delete();
  const after = await samples.read(db, SESSION);
  expect(after).toHaveLength(590);
  expect(after).toEqual(await whole());
});

it('keeps the older rows it read: only the newest stretch and the count are read again', async () => {
  const samples = heldTimeRows((d) => d.samples);
  await samples.read(db, SESSION);
  // Rewritten in place long before the newest row (no writer does this: a reading sent again carries what
  // it held), so the count is the same and the refresh keeps what it read.
  await db.samples.put(sample(10, 999));
  await db.samples.put(sample(600 - REREAD_MS / 1000, 999));

  const refreshed = await samples.read(db, SESSION);
  expect(refreshed[10]?.metrics).toEqual({ viewers: 110 });
  expect(refreshed[600 - REREAD_MS / 1000]?.metrics).toEqual({ viewers: 999 });
});

it('reads another session whole, and a session without rows as empty each time', async () => {
  const samples = heldTimeRows((d) => d.samples);
  await samples.read(db, SESSION);
  await db.samples.put(sample(3, 50, 'other'));
  expect(await samples.read(db, 'other')).toEqual([sample(3, 50, 'other')]);
  expect(await samples.read(db, 'none')).toEqual([]);
  await db.samples.put(sample(4, 60, 'none'));
  expect(await samples.read(db, 'none')).toEqual([sample(4, 60, 'none')]);
});

it('holds a session’s comments the same way', async () => {
  const comment = (second: number, text: string): CommentRow => ({
    sessionId: SESSION,
    ts: T + second * 1000,
    user: '小红',
    text,
    topics: [],
  });
  await db.comments.bulkPut([comment(1, '好看'), comment(2, '多少钱')]);
  const comments = heldTimeRows((d) => d.comments);
  expect((await comments.read(db, SESSION)).map((c) => c.text)).toEqual(['好看', '多少钱']);
  await db.comments.bulkPut([comment(3, '链接在哪'), comment(0, '来了')]);
  expect((await comments.read(db, SESSION)).map((c) => c.text)).toEqual([
    '来了',
    '好看',
    '多少钱',
    '链接在哪',
  ]);
});
