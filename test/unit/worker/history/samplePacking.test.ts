import { describe, expect, it } from 'vitest';
import type { SampleRow } from '../../../../lib/store/rows';
import { exportSessionsJson } from '../../../../lib/ui/history/exportJson';
import { sampleChunks } from '../../../../lib/ui/history/exportProgress';
import { importExportJson } from '../../../../lib/worker/history/importExport';
import { deleteSessions } from '../../../../lib/worker/history/retention';
import { packEndedSessions, packSession, sessionsToPack } from '../../../../lib/worker/history/samplePacking';
import { freshDb, samplesFor, seedSession, sessionRow, T0 } from '../../historyFixtures';

// Ended sessions are packed so exports read a few rows instead of thousands; the samples table stays the
// source of truth, and an export reads the packed copy only while it covers every sample.

async function readAll(db: ReturnType<typeof freshDb>, sessionId: string): Promise<SampleRow[]> {
  const rows: SampleRow[] = [];
  for await (const chunk of sampleChunks(db, sessionId, 700)) rows.push(...chunk);
  return rows;
}

describe('sample packing', () => {
  it('packs ended sessions only, and the export then reads the same rows from the blocks', async () => {
    const db = freshDb();
    const ended = await seedSession(db, 'ended', T0, 1500);
    const live = sessionRow('live', T0);
    await db.sessions.put(live);
    await db.samples.bulkPut(samplesFor(live.id, T0, 20));
    expect((await sessionsToPack(db)).map((s) => s.id)).toEqual([ended.session.id]);

    const flatJson = await (
      await exportSessionsJson(db, [ended.session.id], () => {}, { now: () => 1 })
    ).text();
    expect(await packEndedSessions(db, T0)).toBe(1);
    expect(await db.samplePacks.get(ended.session.id)).toMatchObject({ count: 1500, blocks: 3 });
    expect(await db.sampleBlocks.count()).toBe(3);
    expect(await sessionsToPack(db)).toEqual([]);

    expect(await readAll(db, ended.session.id)).toStrictEqual(ended.samples);
    const packedJson = await (
      await exportSessionsJson(db, [ended.session.id], () => {}, { now: () => 1 })
    ).text();
    expect(JSON.parse(packedJson)).toEqual(JSON.parse(flatJson));
  });

  it('reads row by row again once samples were added after packing (an import)', async () => {
    const db = freshDb();
    const { session, samples } = await seedSession(db, 'grown', T0, 700);
    await packSession(db, session.id, T0);
    const extra = samplesFor(session.id, T0 + 700_000, 5);
    await db.samples.bulkPut(extra);
    expect((await readAll(db, session.id)).map((row) => row.ts)).toEqual(
      [...samples, ...extra].map((r) => r.ts),
    );
  });

  it('keeps a session whose rows a block cannot carry exactly row by row', async () => {
    const db = freshDb();
    const { session } = await seedSession(db, 'odd', T0, 10);
    await db.samples.put({
      ...samplesFor(session.id, T0 + 20_000, 1)[0]!,
      note: 'from an old build',
    } as SampleRow);
    expect(await packSession(db, session.id, T0)).toMatchObject({ count: 11, blocks: 0, flat: true });
    expect(await db.sampleBlocks.count()).toBe(0);
    expect(await readAll(db, session.id)).toHaveLength(11);
  });

  it('deletes the packed copy with its session', async () => {
    const db = freshDb();
    const { session } = await seedSession(db, 'gone', T0, 650);
    await packSession(db, session.id, T0);
    await deleteSessions(db, [session.id]);
    expect(await db.sampleBlocks.count()).toBe(0);
    expect(await db.samplePacks.count()).toBe(0);
  });

  it('packs readings that name their sender (page:seq), and packs again a session an older packer left flat', async () => {
    const db = freshDb();
    const { session, samples } = await seedSession(db, 'sent', T0, 650);
    // As the worker stores them since issue 18: each reading names its page load and seq; one older row does not.
    const sent = samples.map((row, i) => (i === 5 ? row : { ...row, src: `load-a:${i + 1}` }));
    await db.samples.bulkPut(sent);
    // What the packer before this change wrote for such a session: a flat pack, no blocks.
    await db.samplePacks.put({ sessionId: session.id, count: 650, blocks: 0, packedAt: T0, flat: true });
    expect((await sessionsToPack(db)).map((s) => s.id)).toEqual([session.id]);

    expect(await packEndedSessions(db, T0)).toBe(1);
    expect(await db.samplePacks.get(session.id)).toMatchObject({ count: 650, blocks: 2, withSrc: true });
    expect((await db.samplePacks.get(session.id))?.flat).toBeUndefined();
    expect(await sessionsToPack(db)).toEqual([]);
    expect(await readAll(db, session.id)).toStrictEqual(sent);
    const json = JSON.parse(await (await exportSessionsJson(db, [session.id])).text());
    expect(json.sessions[0].samples).toEqual(sent);
  });

  it('leaves a session flat for good once a packer that carries src found it could not pack it', async () => {
    const db = freshDb();
    const { session } = await seedSession(db, 'odd-again', T0, 3);
    await db.samples.put({ ...samplesFor(session.id, T0 + 5000, 1)[0]!, note: 'x' } as SampleRow);
    await packEndedSessions(db, T0);
    expect(await db.samplePacks.get(session.id)).toMatchObject({ flat: true, withSrc: true });
    expect(await sessionsToPack(db)).toEqual([]);
  });

  it('packs a session again once the live went on after its end (a reopen moved its last sample)', async () => {
    const db = freshDb();
    const { session, samples } = await seedSession(db, 'went-on', T0, 700);
    await packEndedSessions(db, T0);
    expect(await sessionsToPack(db)).toEqual([]);

    // The room reported live numbers again within the silence limit: same session, 300 more samples, ended again.
    const more = samplesFor(session.id, samples.at(-1)!.ts + 1000, 300);
    await db.samples.bulkPut(more);
    await db.sessions.update(session.id, { lastSampleAt: more.at(-1)!.ts, endedAt: more.at(-1)!.ts });
    expect((await sessionsToPack(db)).map((s) => s.id)).toEqual([session.id]);

    expect(await packEndedSessions(db, T0 + 1)).toBe(1);
    expect(await db.samplePacks.get(session.id)).toMatchObject({ count: 1000, blocks: 2 });
    expect(await sessionsToPack(db)).toEqual([]);
    expect(await readAll(db, session.id)).toStrictEqual([...samples, ...more]);
  });

  it('packs a session again after an import added samples to it', async () => {
    const db = freshDb();
    const { session, samples } = await seedSession(db, 'imported-into', T0, 650);
    const file = await (await exportSessionsJson(db, [session.id])).text();
    // This computer lost twenty of its samples before the session was packed; the file still holds them.
    const lost = samples.slice(100, 120);
    await db.samples.bulkDelete(lost.map((row): [string, number] => [row.sessionId, row.ts]));
    await packEndedSessions(db, T0);
    expect(await db.samplePacks.get(session.id)).toMatchObject({ count: 630 });

    const result = await importExportJson(db, file);
    expect(result).toMatchObject({ ok: true, answer: { added: { samples: 20 } } });

    expect((await sessionsToPack(db)).map((s) => s.id)).toEqual([session.id]);
    await packEndedSessions(db, T0 + 6);
    expect(await db.samplePacks.get(session.id)).toMatchObject({ count: 650 });
    expect(await readAll(db, session.id)).toStrictEqual(samples);
  });
});
