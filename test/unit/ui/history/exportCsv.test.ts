import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportSessionsCsv } from '../../../../lib/ui/history/exportCsv';
import type { ExportProgress } from '../../../../lib/ui/history/exportProgress';
import { packEndedSessions } from '../../../../lib/worker/history/samplePacking';
import { cueRow, freshDb, seedSession, T0 } from '../../historyFixtures';

/** Reads a CSV file back the way a spreadsheet would: BOM first, then records by header. */
async function readCsv(blob: Blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('exportSessionsCsv', () => {
  it('writes a per-second samples file that reads back with Chinese and quotes intact', async () => {
    const db = freshDb();
    const { session } = await seedSession(db, 'r1', T0, 125);
    const progress: ExportProgress[] = [];
    const { samples, cues } = await exportSessionsCsv(
      db,
      [session.id],
      { resolution: 'second', chunkSize: 50 },
      (p) => progress.push(p),
    );
    expect(samples.type).toBe('text/csv;charset=utf-8');
    const rows = await readCsv(samples);
    expect(rows).toHaveLength(125);
    expect(rows[0]).toMatchObject({
      session_id: session.id,
      room: '羊绒围巾专场',
      site: 'douyin',
      ts: String(T0),
      viewers: '1000',
      product_name: '羊绒围巾, 灰色 "经典款"',
      product_price: '199',
      likes: '',
    });
    expect(rows[0]?.time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // gmv 50/s, views 2/s → GPM 25000 × i / (200 + 2i); entries +1/s → UV value; buyers +1 per 2 s.
    expect(rows[100]).toMatchObject({
      gmv: '5000',
      gpm: '12500',
      uv_value: '25',
      aov: '100',
      gmv_per_min: '3000',
    });
    expect(rows[100]?.orders_per_min).toBe('60');
    expect((await readCsv(cues)).length).toBe(2);
    // Samples, 42 comments (one every 3 s), two cues and two actions.
    expect(progress.at(-1)).toEqual({ done: 125 + 42 + 2 + 2, total: 125 + 42 + 2 + 2 });
    expect(progress.length).toBeGreaterThanOrEqual(4);
  });

  it('writes a per-minute samples file from several sessions in order', async () => {
    const db = freshDb();
    const a = await seedSession(db, 'r1', T0, 150);
    const b = await seedSession(db, 'r2', T0 + 3_600_000, 61);
    const { samples } = await exportSessionsCsv(db, [a.session.id, b.session.id], { resolution: 'minute' });
    const rows = await readCsv(samples);
    expect(rows.map((row) => [row.session_id, row.samples])).toEqual([
      [a.session.id, '60'],
      [a.session.id, '60'],
      [a.session.id, '30'],
      [b.session.id, '60'],
      [b.session.id, '1'],
    ]);
    expect(rows[1]).toMatchObject({ gmv: '5950', gmv_per_min: '3000', conversionRate: '0.05' });
  });

  it('writes the cues file with outcomes, and neutralises formulas in page text', async () => {
    const db = freshDb();
    const { session } = await seedSession(db, 'r1', T0, 5);
    await db.sessions.update(session.id, { title: '=HYPERLINK("http://evil","点我")' });
    await db.cues.put(
      cueRow(session, T0 + 9000, { status: 'expired', actedAt: undefined, outcome: undefined }),
    );
    const { cues, samples } = await exportSessionsCsv(db, [session.id], { resolution: 'second' });
    const rows = await readCsv(cues);
    expect(rows.map((row) => row.status)).toEqual(['done', 'dismissed', 'expired']);
    expect(rows[0]).toMatchObject({
      rule: 'traffic-drop',
      severity: 'urgent',
      fired_ts: String(T0 + 3000),
      outcome_metric: 'viewers',
      outcome_before: '700',
      outcome_after: '910',
      outcome_lift: '0.3',
      evidence: 'viewers 1200→700 in 60s',
      params: '{"dropPct":42,"product":"围巾"}',
    });
    expect(rows[0]?.acted_at).not.toBe('');
    expect(rows[2]?.acted_at).toBe('');
    expect(rows[0]?.room).toBe(`'=HYPERLINK("http://evil","点我")`);
    expect((await readCsv(samples))[0]?.room).toBe(`'=HYPERLINK("http://evil","点我")`);
  });

  it('writes a comments file, Excel-safe, with names hidden when the operator asks', async () => {
    const db = freshDb();
    const { session, comments } = await seedSession(db, 'r1', T0, 15);
    const shown = await readCsv(
      (await exportSessionsCsv(db, [session.id], { resolution: 'second' })).comments,
    );
    expect(shown.map((row) => [row.user, row.text, row.topics])).toEqual([
      ['小王', '多大码', 'size'],
      ['Ann', 'how much?', 'price'],
      ['小李', '好看', ''],
      // Formula signs in a name or a text never reach Excel as a formula.
      ["'=cmd", '\'=HYPERLINK("http://x")', ''],
      ['小张', '几号链接\n在哪拍', 'link'],
    ]);
    expect(shown[0]).toMatchObject({
      session_id: session.id,
      room: '羊绒围巾专场',
      ts: String(comments[0]!.ts),
    });

    await db.comments.put({ ...comments[0]!, ts: comments[0]!.ts + 1, text: '还有吗' });
    const hidden = await readCsv(
      (await exportSessionsCsv(db, [session.id], { resolution: 'second', hideUsers: true })).comments,
    );
    // The same commenter keeps one alias, so who asked twice still shows.
    expect(hidden.map((row) => row.user)).toEqual([
      'viewer 1',
      'viewer 1',
      'viewer 2',
      'viewer 3',
      'viewer 4',
      'viewer 5',
    ]);
  });

  it('writes the same samples file from a packed session as from its rows', async () => {
    const db = freshDb();
    const { session, samples } = await seedSession(db, 'r1', T0, 1300);
    await db.samples.put({ ...samples[650]!, product: { id: 'p2', name: '=真丝围巾', price: 299 } });
    const files = async () => {
      const { samples: perSecond } = await exportSessionsCsv(db, [session.id], {
        resolution: 'second',
        chunkSize: 300,
      });
      const { samples: perMinute } = await exportSessionsCsv(db, [session.id], { resolution: 'minute' });
      return [perSecond, perMinute];
    };
    const bytes = async (blobs: Blob[]) =>
      Promise.all(blobs.map(async (blob) => new Uint8Array(await blob.arrayBuffer())));
    const rowByRow = await files();
    expect(await packEndedSessions(db, T0)).toBe(1);
    expect(await bytes(await files())).toEqual(await bytes(rowByRow));
    const rows = await readCsv(rowByRow[0]!);
    expect(rows).toHaveLength(1300);
    expect(rows[650]).toMatchObject({ product_id: 'p2', product_name: "'=真丝围巾", product_price: '299' });
  });
});
