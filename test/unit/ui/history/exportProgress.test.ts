import { describe, expect, it } from 'vitest';
import type { SampleRow } from '../../../../lib/store/rows';
import { countExportRows, sampleChunks } from '../../../../lib/ui/history/exportProgress';
import { freshDb, seedSession, T0 } from '../../historyFixtures';

const at = (sessionId: string, ts: number): SampleRow => ({ sessionId, ts, metrics: { viewers: ts % 1000 } });

async function readAll(db: ReturnType<typeof freshDb>, sessionId: string, chunkSize: number) {
  const chunks: number[][] = [];
  for await (const rows of sampleChunks(db, sessionId, chunkSize)) chunks.push(rows.map((row) => row.ts));
  return chunks;
}

describe('sampleChunks', () => {
  it('yields every sample of the session once, in time order, in chunks near the asked size', async () => {
    const db = freshDb();
    const steady = Array.from({ length: 1000 }, (_, i) => at('s', T0 + i * 1000));
    await db.samples.bulkPut([...steady, at('other', T0 + 500), at('t', T0)]);
    const chunks = await readAll(db, 's', 100);
    expect(chunks.flat()).toEqual(steady.map((row) => row.ts));
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(200);
  });

  it('copes with bursts and long gaps in the sampling', async () => {
    const db = freshDb();
    const burst = Array.from({ length: 600 }, (_, i) => at('s', T0 + i * 10)); // 100 Hz for 6 s
    const gap = Array.from({ length: 50 }, (_, i) => at('s', T0 + 3_600_000 + i * 60_000)); // 1 a minute, an hour later
    const steady = Array.from({ length: 300 }, (_, i) => at('s', T0 + 7_200_000 + i * 1000));
    const rows = [...burst, ...gap, ...steady];
    await db.samples.bulkPut(rows);
    const chunks = await readAll(db, 's', 50);
    expect(chunks.flat()).toEqual(rows.map((row) => row.ts));
    expect(chunks.every((chunk) => chunk.length > 0)).toBe(true);
  });

  it('yields nothing for a session without samples, and one chunk for a single sample', async () => {
    const db = freshDb();
    await db.samples.put(at('one', T0));
    expect(await readAll(db, 'none', 10)).toEqual([]);
    expect(await readAll(db, 'one', 10)).toEqual([[T0]]);
  });
});

describe('countExportRows', () => {
  it('counts the samples, comments, actions and cues of the chosen sessions', async () => {
    const db = freshDb();
    const a = await seedSession(db, 'a', T0, 12);
    await seedSession(db, 'b', T0, 30);
    expect(a.comments.length).toBe(4);
    expect(await countExportRows(db, [a.session.id])).toBe(12 + 4 + 2 + 2);
  });
});
