import { describe, expect, it } from 'vitest';
import type { LivecueDb } from '../../../../lib/store/database';
import type { SampleRow } from '../../../../lib/store/rows';
import { liveSamplesBefore, sampleTables } from '../../../../lib/store/sampleQueries';
import { exportSessionsJson } from '../../../../lib/ui/history/exportJson';
import { sampleChunks } from '../../../../lib/ui/history/exportProgress';
import { importExportJson } from '../../../../lib/worker/history/importExport';
import { PACK_HOLD_MS } from '../../../../lib/worker/history/productPacking';
import { deleteSessions } from '../../../../lib/worker/history/retention';
import {
  packEndedSessions,
  packLiveSamples,
  packLiveSessions,
} from '../../../../lib/worker/history/samplePacking';
import { loadSessionHead } from '../../../../lib/worker/session/storedSessions';
import { createWriteQueue } from '../../../../lib/worker/writeQueue';
import { freshDb, samplesFor, sessionRow, T0 } from '../../historyFixtures';

// A live session's older samples are packed as the live goes on, so a worker restarted late in a long evening
// reads blocks instead of a row a second. The samples table stays the source of truth: a sample the worker
// files at a time the pack reaches drops the pack, and readers read the rows until it is packed again.

async function liveSession(db: LivecueDb, count: number) {
  const session = sessionRow('live', T0);
  const samples = samplesFor(session.id, T0, count);
  // Readings name their sender, and a stretch without a product on screen.
  for (const [i, row] of samples.entries()) {
    row.src = `page-1:${i}`;
    if (i % 500 > 400) delete row.product;
  }
  const live = { ...session, lastSampleAt: samples.at(-1)!.ts };
  await db.sessions.put(live);
  await db.samples.bulkPut(samples);
  return { session: live, samples };
}

/** What a restarted worker reads of a session before `before`. */
const head = (db: LivecueDb, sessionId: string, before: number) =>
  db.transaction('r', sampleTables(db), () => liveSamplesBefore(db, sessionId, before));
/** Files samples the way the live worker does: through its write queue. */
const file = (db: LivecueDb, rows: SampleRow[]) => createWriteQueue(db).enqueue({ samples: rows });

describe('live sample packing', () => {
  it('packs a live session in whole blocks up to its last minutes; a restarted worker reads the same rows', async () => {
    const db = freshDb();
    const { session, samples } = await liveSession(db, 2000);
    // 2,000 readings a second apart: the last two minutes stay rows, and of the 1,880 before them three
    // whole blocks are packed.
    expect(await packLiveSessions(db, T0)).toBe(1800);
    const pack = (await db.samplePacks.get(session.id))!;
    expect(pack).toMatchObject({ count: 1800, blocks: 3, lastTs: samples[1799]!.ts });
    expect(pack.lastTs).toBeLessThan(session.lastSampleAt - PACK_HOLD_MS);
    // The last partial block and the last minutes stay rows; a second run finds nothing to pack.
    expect(await packLiveSessions(db, T0)).toBe(0);

    const before = samples[1900]!.ts;
    expect(await head(db, session.id, before)).toStrictEqual(samples.slice(0, 1900));
    expect(await head(db, session.id, samples[900]!.ts)).toStrictEqual(samples.slice(0, 900));
    const { samples: loaded } = await loadSessionHead(db, session.id, before);
    expect(loaded).toStrictEqual(samples.slice(0, 1900));
  });

  it('drops the pack when the worker files a sample it reaches, and packs the session again from its start', async () => {
    const db = freshDb();
    const { session, samples } = await liveSession(db, 2000);
    await packLiveSessions(db, T0);
    const pack = (await db.samplePacks.get(session.id))!;

    // A new reading after what the pack reaches leaves it.
    const next = { ...samples.at(-1)!, ts: session.lastSampleAt + 1000, src: 'page-1:2000' };
    await file(db, [next]);
    expect(await db.samplePacks.get(session.id)).toEqual(pack);

    // A late one it reaches (a millisecond between two packed readings) drops the record.
    const late = { ...samples[10]!, ts: samples[10]!.ts + 1, src: 'page-2:0' };
    await file(db, [late]);
    expect(await db.samplePacks.get(session.id)).toBeUndefined();
    const all = [...samples.slice(0, 11), late, ...samples.slice(11), next];
    expect(await head(db, session.id, next.ts + 1)).toStrictEqual(all);

    // The next run clears the old blocks and packs from the start, the late reading in its place.
    await packLiveSamples(db, session.id, next.ts - PACK_HOLD_MS, T0);
    expect(await db.samplePacks.get(session.id)).toMatchObject({ count: 1800, blocks: 3 });
    expect(await db.sampleBlocks.count()).toBe(3);
    expect(await head(db, session.id, next.ts + 1)).toStrictEqual(all);
  });

  it('packs an ended session whole after its live pack, and the export reads it like the rows', async () => {
    const db = freshDb();
    const { session, samples } = await liveSession(db, 1500);
    await packLiveSessions(db, T0);
    // The export of a live session reads its blocks and the rows after them.
    const rows: SampleRow[] = [];
    for await (const chunk of sampleChunks(db, session.id, 700)) rows.push(...chunk);
    expect(rows).toStrictEqual(samples);

    await db.sessions.update(session.id, { endedAt: session.lastSampleAt });
    expect(await packEndedSessions(db, T0)).toBe(1);
    const whole = (await db.samplePacks.get(session.id))!;
    expect(whole).toMatchObject({ count: 1500, blocks: 3 });
    expect(whole.lastTs).toBeUndefined();
    // The ended session's pack is the ended packer's: the live packer leaves it.
    expect(await packLiveSamples(db, session.id, Number.POSITIVE_INFINITY, T0)).toBe(0);
  });

  it('leaves a session with a sample a block cannot hold row by row, and drops its pack with it or on import', async () => {
    const db = freshDb();
    const { session, samples } = await liveSession(db, 1300);
    await db.samples.put({ ...samples[5]!, note: 'from an old build' } as SampleRow);
    await packLiveSessions(db, T0);
    expect(await db.samplePacks.get(session.id)).toMatchObject({ flat: true, blocks: 0 });
    expect(await db.sampleBlocks.count()).toBe(0);
    expect((await head(db, session.id, Number.POSITIVE_INFINITY)).length).toBe(1300);

    const other = sessionRow('other', T0 + 1);
    const more = samplesFor(other.id, T0 + 1, 1300);
    await db.sessions.put({ ...other, lastSampleAt: more.at(-1)!.ts });
    await db.samples.bulkPut(more);
    await packLiveSessions(db, T0);
    expect(await db.samplePacks.get(other.id)).toMatchObject({ blocks: 1 });
    const file = await (
      await exportSessionsJson(db, [other.id], () => {}, { now: () => T0 + 86_400_000 })
    ).text();
    // The file holds a reading this computer lost: importing it drops the pack.
    await db.samples.delete([other.id, more[3]!.ts]);
    expect(await importExportJson(db, file)).toMatchObject({ ok: true, answer: { added: { samples: 1 } } });
    expect(await db.samplePacks.get(other.id)).toBeUndefined();
    expect(await head(db, other.id, Number.POSITIVE_INFINITY)).toStrictEqual(more);

    await packLiveSessions(db, T0);
    await deleteSessions(db, [other.id]);
    expect(await db.sampleBlocks.where('[sessionId+ts]').between([other.id], [other.id, []]).count()).toBe(0);
    expect(await db.samplePacks.get(other.id)).toBeUndefined();
  });
});
