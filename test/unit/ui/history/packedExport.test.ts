import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { LivecueDb } from '../../../../lib/store/database';
import type { SampleRow } from '../../../../lib/store/rows';
import { exportSessionsCsv } from '../../../../lib/ui/history/exportCsv';
import { exportSessionsJson } from '../../../../lib/ui/history/exportJson';
import { samplePieces } from '../../../../lib/ui/history/exportProgress';
import { packSession } from '../../../../lib/worker/history/samplePacking';
import { commentsFor, freshDb, samplesFor, sessionRow, T0 } from '../../historyFixtures';

// An ended session's samples are exported from its packed blocks, column by column, and a session not
// packed (or grown since) row by row: both must write the same CSV bytes and the same JSON, whatever a
// row holds.

const PAGE_TEXTS = [
  '=HYPERLINK("http://evil","点我")',
  '+1 加购',
  '-5%',
  '@所有人',
  '\t=cmd',
  '说 "好" ,再说',
  '两行\n=第二行',
  '😀 emoji ١٢٣ עברית',
  '',
];

/** Samples with everything a stored row can hold: nulls, missing metrics, odd text, several a second. */
function oddSamples(sessionId: string, from: number, count: number): SampleRow[] {
  const rows: SampleRow[] = [];
  for (let i = 0; i < count; i++) {
    // Mostly 1 Hz, two readings in some seconds, a 90-s gap every 250 readings.
    const ts = from + i * 1000 + (i % 7 === 3 ? -600 : 0) + Math.floor(i / 250) * 90_000;
    const metrics: SampleRow['metrics'] = {
      viewers: i % 11 === 0 ? null : 1000 + ((i * 37) % 400),
      gmv: 12.5 * i + (i % 13 === 0 ? 0.1 : 0),
      orders: i >> 2,
    };
    if (i % 5 !== 0) metrics.entries = 100 + i;
    if (i % 3 === 0) metrics.views = 300 + 3 * i;
    if (i % 17 === 0) metrics.buyers = 0;
    if (i % 19 === 0) metrics.conversionRate = -0;
    if (i % 23 === 0) metrics.avgWatchSec = 1e21;
    const row: SampleRow = { sessionId, ts, metrics };
    if (i % 9 === 0) row.capped = i % 2 ? ['viewers'] : ['viewers', 'entries'];
    const text = PAGE_TEXTS[Math.floor(i / 40) % PAGE_TEXTS.length]!;
    if (i % 40 === 39) row.product = null;
    else if (Math.floor(i / 40) % 4 !== 3)
      row.product = { id: `=p${Math.floor(i / 40)}`, name: text, price: 199.9 };
    if (i % 2) row.health = { parsed: ['viewers'], failed: [], missing: ['likes'] };
    if (i % 10 !== 0) row.src = `load-${text.slice(0, 3)}:${i}`;
    rows.push(row);
  }
  return rows;
}

/** The files an export of this session writes (samples per second and per minute, comments, JSON). */
async function exports(db: LivecueDb, sessionId: string): Promise<string[]> {
  // Decoded without dropping a BOM, and with U+FFFD for bad bytes, which a correct file never has.
  const text = async (blob: Blob) =>
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
  const second = await exportSessionsCsv(db, [sessionId], { resolution: 'second', chunkSize: 700 });
  const minute = await exportSessionsCsv(db, [sessionId], { resolution: 'minute' });
  const json = await exportSessionsJson(db, [sessionId], () => {}, { now: () => 1, chunkSize: 500 });
  return Promise.all([second.samples, minute.samples, second.comments, json].map(text));
}

/** How the export reads a session's samples: runs of row pieces and of block pieces, in order. */
async function pieceKinds(db: LivecueDb, sessionId: string): Promise<string[]> {
  const kinds: string[] = [];
  for await (const piece of samplePieces(db, sessionId, 500)) {
    const kind = piece.rows ? 'rows' : 'blocks';
    if (kinds.at(-1) !== kind) kinds.push(kind);
  }
  return kinds;
}

/** A session with odd samples, and a copy of it in a second database that is never packed. */
async function twinSessions(count: number) {
  const packed = freshDb();
  const flat = freshDb();
  const session = sessionRow('odd', T0, { title: '=SUM(A1) 直播 "专场"' });
  const samples = oddSamples(session.id, T0, count);
  const ended = { ...session, endedAt: samples.at(-1)!.ts, lastSampleAt: samples.at(-1)!.ts };
  for (const db of [packed, flat]) {
    await db.sessions.put(ended);
    await db.samples.bulkPut(samples);
    await db.comments.bulkPut(commentsFor(session.id, T0, 60));
  }
  return { packed, flat, session: ended, samples };
}

describe('the export of a packed session', () => {
  it('writes what the row-by-row export writes, odd values and page text included', async () => {
    const { packed, flat, session } = await twinSessions(1900);
    expect(await packSession(packed, session.id, T0)).toMatchObject({ count: 1900, blocks: 4 });
    expect(await packed.sampleBlocks.count()).toBe(4);
    expect(await pieceKinds(packed, session.id)).toEqual(['blocks']);
    const [second, minute, comments, json] = await exports(packed, session.id);
    const [flatSecond, flatMinute, flatComments, flatJson] = await exports(flat, session.id);
    expect([second, minute, comments]).toEqual([flatSecond, flatMinute, flatComments]);
    // A block keeps its metrics in the order they first appear in it, so a row whose keys came in another
    // order is written with them reordered: the same JSON, not always the same bytes.
    expect(JSON.parse(json!)).toEqual(JSON.parse(flatJson!));

    // What the file says, read back as a spreadsheet would: every row, every formula neutralised.
    const text = second!.slice(1);
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows.length).toBeGreaterThan(1600);
    expect(rows[0]).toMatchObject({ room: '\'=SUM(A1) 直播 "专场"', product_id: "'=p0" });
    expect(rows.some((row) => row.product_name === "'+1 加购")).toBe(true);
    expect(rows.some((row) => row.product_name === "'两行\n=第二行")).toBe(true);
    for (const row of rows) expect(row.product_name ?? '').not.toMatch(/^[=+\-@\t]/);
    expect(minute!.split('\r\n').length).toBeGreaterThan(30);
    expect(JSON.parse(json!).sessions[0].samples).toHaveLength(1900);
  });

  it('writes every sample of a session that grew after it was packed, before and after its blocks', async () => {
    const { packed, flat, session, samples } = await twinSessions(1300);
    await packSession(packed, session.id, T0);
    // An import adds readings inside the packed stretch (in a gap) and after it.
    const gap = samplesFor(session.id, samples[249]!.ts + 30_000, 3);
    const later = oddSamples(session.id, samples.at(-1)!.ts + 5000, 700);
    for (const db of [packed, flat]) await db.samples.bulkPut([...gap, ...later]);
    expect(await pieceKinds(packed, session.id)).toEqual(['rows']);
    expect(await exports(packed, session.id)).toEqual(await exports(flat, session.id));

    // Readings only before and after the packed ones: the blocks are read, and the rows around them.
    const { packed: grown, flat: grownFlat, session: other, samples: first } = await twinSessions(1300);
    await packSession(grown, other.id, T0);
    const earlier = oddSamples(other.id, T0 - 400_000, 300);
    const tail = oddSamples(other.id, first.at(-1)!.ts + 1000, 650);
    for (const db of [grown, grownFlat]) await db.samples.bulkPut([...earlier, ...tail]);
    expect(await pieceKinds(grown, other.id)).toEqual(['rows', 'blocks', 'rows']);
    const files = await exports(grown, other.id);
    const flatFiles = await exports(grownFlat, other.id);
    expect(files.slice(0, 3)).toEqual(flatFiles.slice(0, 3));
    const json = JSON.parse(files[3]!);
    expect(json).toEqual(JSON.parse(flatFiles[3]!));
    expect(json.sessions[0].samples).toHaveLength(2250);
  });
});
