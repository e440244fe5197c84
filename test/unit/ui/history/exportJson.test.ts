import { describe, expect, it } from 'vitest';
import { exportFileSchema } from '../../../../lib/store/exportSchema';
import { exportSessionsJson } from '../../../../lib/ui/history/exportJson';
import type { ExportProgress } from '../../../../lib/ui/history/exportProgress';
import { importExportJson } from '../../../../lib/worker/history/importExport';
import { packEndedSessions } from '../../../../lib/worker/history/samplePacking';
import { dumpDb, freshDb, seedSession, T0 } from '../../historyFixtures';

describe('exportSessionsJson', () => {
  it('writes complete sessions in the livecue-export shape, chunk by chunk with progress', async () => {
    const db = freshDb();
    const first = await seedSession(db, 'r1', T0, 23);
    const second = await seedSession(db, 'r2', T0 + 3_600_000, 4);
    await seedSession(db, 'not-chosen', T0, 3);
    const progress: ExportProgress[] = [];
    const blob = await exportSessionsJson(
      db,
      [first.session.id, second.session.id, 'missing'],
      (p) => progress.push(p),
      {
        chunkSize: 5,
        now: () => T0 + 9_999,
      },
    );
    expect(blob.type).toBe('application/json');
    const file = JSON.parse(await blob.text());
    expect(file).toEqual({
      format: 'livecue-export',
      schemaVersion: 3,
      exportedAt: T0 + 9_999,
      sessions: [first, second].map(({ session, samples, comments, actions, cues }) => ({
        session,
        samples,
        comments,
        productSnapshots: [],
        productPins: [],
        actions,
        cues,
      })),
    });
    expect(exportFileSchema().safeParse(file).success).toBe(true);

    // 23 samples in chunks of 5 → 5 sample reports for the first session, its 8 comments two more, plus one
    // for its actions and cues; the second: one each for its 4 samples, its 2 comments, its actions and cues.
    expect([first.comments.length, second.comments.length]).toEqual([8, 2]);
    const total = 23 + 4 + 8 + 2 + 2 * (2 + 2);
    expect(progress[0]).toEqual({ done: 0, total });
    expect(progress.at(-1)).toEqual({ done: total, total });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.length).toBe(1 + (5 + 2 + 1) + (1 + 1 + 1));
  });

  it('exports a session without samples (the room closed before its first reading was stored)', async () => {
    const db = freshDb();
    const { session, cues, actions } = await seedSession(db, 'empty', T0, 0);
    const file = JSON.parse(await (await exportSessionsJson(db, [session.id])).text());
    expect(file.sessions).toEqual([
      { session, samples: [], comments: [], productSnapshots: [], productPins: [], actions, cues },
    ]);
    expect(exportFileSchema().safeParse(file).success).toBe(true);
  });

  it('exports an empty list as a valid file with no sessions', async () => {
    const db = freshDb();
    const file = JSON.parse(await (await exportSessionsJson(db, [])).text());
    expect(file.sessions).toEqual([]);
    expect(exportFileSchema().safeParse(file).success).toBe(true);
  });

  it('round-trips: export, import into a fresh database, identical data', async () => {
    const source = freshDb();
    const a = await seedSession(source, 'r1', T0, 12);
    const b = await seedSession(source, 'r2', T0 + 60_000, 7);
    const text = await (await exportSessionsJson(source, [a.session.id, b.session.id])).text();
    const target = freshDb();
    const result = await importExportJson(target, text);
    expect(result.ok && result.answer).toEqual({
      added: { sessions: 2, samples: 19, comments: 4 + 3, actions: 4, cues: 4, products: 0 },
      alreadyHere: { sessions: 0, samples: 0, comments: 0, actions: 0, cues: 0, products: 0 },
      closed: 0,
      sessionIds: [a.session.id, b.session.id],
    });
    // Imported sessions carry when they arrived here (retention counts from it); the rest is identical.
    const imported = await dumpDb(target);
    expect(imported.sessions.every((row) => typeof row.importedAt === 'number')).toBe(true);
    const sessions = imported.sessions.map(({ importedAt: _importedAt, ...row }) => row);
    expect({ ...imported, sessions }).toEqual(await dumpDb(source));
  });

  it('writes commenters as aliases when the operator hides names, the rest of each comment as stored', async () => {
    const db = freshDb();
    const { session, comments } = await seedSession(db, 'r1', T0, 9);
    const file = JSON.parse(
      await (await exportSessionsJson(db, [session.id], () => {}, { hideUsers: true })).text(),
    );
    expect(file.sessions[0].comments).toEqual(
      comments.map((row, i) => ({ ...row, user: `viewer ${i + 1}` })),
    );
    expect(exportFileSchema().safeParse(file).success).toBe(true);
  });

  it('writes a packed session exactly as it wrote it row by row, and the file still round-trips', async () => {
    const db = freshDb();
    const a = await seedSession(db, 'r1', T0, 1500);
    const b = await seedSession(db, 'r2', T0 + 3_600_000, 7);
    // Readings the packing must carry: a missing metric, a null, a product change and a reader that hit a cap.
    await db.samples.bulkPut([
      { ...a.samples[3]!, metrics: { viewers: 900, gmv: null } },
      { ...a.samples[700]!, product: { id: 'p2', name: '真丝围巾', price: 299 }, capped: ['viewers'] },
      { ...a.samples[1499]!, product: null },
    ]);
    const ids = [a.session.id, b.session.id];
    const export_ = async () =>
      (await exportSessionsJson(db, ids, () => {}, { chunkSize: 400, now: () => T0 + 86_400_000 })).text();
    const rowByRow = await export_();
    expect(await packEndedSessions(db, T0)).toBe(2);
    expect(await db.sampleBlocks.count()).toBe(4);
    const packed = await export_();
    // The same data (a row's keys may come in another order: a block gives capped before product).
    expect(packed.length).toBe(rowByRow.length);
    expect(JSON.parse(packed)).toEqual(JSON.parse(rowByRow));

    const target = freshDb();
    const result = await importExportJson(target, packed);
    expect(result.ok && result.answer.added.samples).toBe(1507);
    expect((await dumpDb(target)).samples).toEqual((await dumpDb(db)).samples);
  });
});
