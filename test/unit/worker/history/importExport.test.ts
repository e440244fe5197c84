import { describe, expect, it } from 'vitest';
import { exportSessionsJson } from '../../../../lib/ui/history/exportJson';
import { importExportJson } from '../../../../lib/worker/history/importExport';
import { dumpDb, freshDb, seedSession, T0 } from '../../historyFixtures';

/** An export file as JSON.parse gives it, for spoiling one field at a time. */
type ParsedJson = ReturnType<typeof JSON.parse>;

async function exportedFile() {
  const source = freshDb();
  const seeded = await seedSession(source, 'r1', T0, 20);
  const text = await (await exportSessionsJson(source, [seeded.session.id])).text();
  return { text, seeded, file: JSON.parse(text) };
}

describe('importExportJson', () => {
  it('importing the same file twice duplicates nothing', async () => {
    const { text } = await exportedFile();
    const db = freshDb();
    await importExportJson(db, text);
    const once = await dumpDb(db);
    const again = await importExportJson(db, text);
    expect(again.ok).toBe(true);
    expect(await dumpDb(db)).toEqual(once);
    expect(once.samples.length).toBe(20);
  });

  it('rejects a bad field with its path and writes nothing, even when other sessions are fine', async () => {
    const { file } = await exportedFile();
    const good = structuredClone(file.sessions[0]);
    good.session.id = 'douyin:other:1';
    for (const row of [...good.samples, ...good.actions, ...good.cues]) row.sessionId = good.session.id;
    file.sessions.unshift(good);
    file.sessions[1].samples[12].ts = '12:00';
    const db = freshDb();
    const result = await importExportJson(db, JSON.stringify(file));
    expect(result).toEqual({ ok: false, error: 'sessions[1].samples[12].ts: expected number' });
    expect(await dumpDb(db)).toEqual({ sessions: [], samples: [], actions: [], cues: [] });
  });

  it.each([
    ['a wrong format tag', (f: ParsedJson) => (f.format = 'other'), 'format: expected "livecue-export"'],
    ['a newer schema version', (f: ParsedJson) => (f.schemaVersion = 2), 'schemaVersion: expected 1'],
    ['a missing session list', (f: ParsedJson) => delete f.sessions, 'sessions: expected array'],
    [
      'an unknown rule',
      (f: ParsedJson) => (f.sessions[0].cues[1].ruleId = 'nope'),
      'sessions[0].cues[1].ruleId:',
    ],
    [
      'a metric value as text',
      (f: ParsedJson) => (f.sessions[0].samples[3].metrics.gmv = '1.2万'),
      'sessions[0].samples[3].metrics.gmv:',
    ],
    [
      'a row filed under another session',
      (f: ParsedJson) => (f.sessions[0].actions[1].sessionId = 'douyin:x:1'),
      'sessions[0].actions[1].sessionId: expected the session id',
    ],
  ])('rejects %s', async (_name, spoil, expected) => {
    const { file } = await exportedFile();
    spoil(file);
    const db = freshDb();
    const result = await importExportJson(db, JSON.stringify(file));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.startsWith(expected)).toBe(true);
    expect(await db.samples.count()).toBe(0);
  });

  it('rejects text that is not JSON', async () => {
    const db = freshDb();
    const result = await importExportJson(db, '{"format": "livecue-export", ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^not JSON: /);
  });

  it('keeps the local row of a session that saw later samples than the file', async () => {
    const { text, seeded } = await exportedFile();
    const db = freshDb();
    await db.sessions.put({
      ...seeded.session,
      lastSampleAt: seeded.session.lastSampleAt + 60_000,
      peakViewers: 5000,
    });
    await importExportJson(db, text);
    expect(await db.sessions.get(seeded.session.id)).toMatchObject({ peakViewers: 5000 });
    expect(await db.samples.count()).toBe(20);
  });

  it('drops fields the file format does not know instead of storing them', async () => {
    const { file } = await exportedFile();
    file.sessions[0].samples[0].injected = '<img src=x onerror=alert(1)>';
    const db = freshDb();
    await importExportJson(db, JSON.stringify(file));
    const stored = await db.samples.toArray();
    expect(stored[0]).not.toHaveProperty('injected');
  });
});
