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
    for (const row of [...good.samples, ...good.comments, ...good.actions, ...good.cues])
      row.sessionId = good.session.id;
    file.sessions.unshift(good);
    file.sessions[1].samples[12].ts = '12:00';
    const db = freshDb();
    const result = await importExportJson(db, JSON.stringify(file));
    expect(result).toEqual({ ok: false, error: 'sessions[1].samples[12].ts: expected number' });
    expect(await dumpDb(db)).toEqual({
      sessions: [],
      samples: [],
      comments: [],
      actions: [],
      cues: [],
      productSnapshots: [],
      productPins: [],
    });
  });

  it.each([
    ['a wrong format tag', (f: ParsedJson) => (f.format = 'other'), 'format: expected "livecue-export"'],
    [
      'a newer schema version',
      (f: ParsedJson) => (f.schemaVersion = 4),
      'schemaVersion: expected 1 or 2 or 3',
    ],
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

describe('importExportJson with a hostile or overlapping file', () => {
  const HOUR = 3_600_000;

  it('refuses a session dated after the file was exported', async () => {
    const { file } = await exportedFile();
    const shift = (value: number) => value + 5 * HOUR;
    const entry = file.sessions[0];
    entry.session.startedAt = shift(entry.session.startedAt);
    entry.session.lastSampleAt = shift(entry.session.lastSampleAt);
    entry.session.endedAt = shift(entry.session.endedAt);
    for (const row of entry.samples) row.ts = shift(row.ts);
    for (const row of entry.actions) row.ts = shift(row.ts);
    for (const row of entry.cues) row.firedAt = shift(row.firedAt);
    file.exportedAt = T0 + HOUR;
    const db = freshDb();
    const result = await importExportJson(db, JSON.stringify(file), T0 + 2 * HOUR);
    expect(result).toEqual({
      ok: false,
      error: "sessions[0].session.startedAt: after the file's export time",
    });
    expect(await db.sessions.count()).toBe(0);
  });

  it('refuses a file that says it was written after this computer’s clock (by more than a day)', async () => {
    const { file } = await exportedFile();
    file.exportedAt = T0 + 30 * 24 * HOUR;
    const result = await importExportJson(freshDb(), JSON.stringify(file), T0 + HOUR);
    expect(result).toEqual({ ok: false, error: "exportedAt: after this computer's clock" });
  });

  it('refuses rule settings the rules do not accept, naming the field', async () => {
    const { file } = await exportedFile();
    file.sessions[0].session.ruleSettings = { 'traffic-drop': { dropPct: 'lots' } };
    const db = freshDb();
    const result = await importExportJson(db, JSON.stringify(file));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(
      /^sessions\[0\]\.session\.ruleSettings\.traffic-drop\.dropPct: /,
    );
    expect(await db.sessions.count()).toBe(0);
  });

  it('refuses 20 MB of rule settings', async () => {
    const { file } = await exportedFile();
    file.sessions[0].session.ruleSettings = { 'traffic-drop': {}, padding: 'x'.repeat(20 * 1024 * 1024) };
    const result = await importExportJson(freshDb(), JSON.stringify(file));
    expect(result).toEqual({ ok: false, error: 'sessions[0].session.ruleSettings: larger than 64 KB' });
  });

  it.each([
    [
      'a session twice',
      (f: ParsedJson) => f.sessions.push(structuredClone(f.sessions[0])),
      'sessions[1].session.id: the file holds this session twice',
    ],
    [
      'two samples at one time',
      (f: ParsedJson) => (f.sessions[0].samples[4].ts = f.sessions[0].samples[3].ts),
      'sessions[0].samples[4].ts: a second sample at this time',
    ],
    [
      'a cue id twice',
      (f: ParsedJson) => (f.sessions[0].cues[1].id = f.sessions[0].cues[0].id),
      'sessions[0].cues[1].id: a second cue with this id',
    ],
    [
      'a sample before its session began',
      (f: ParsedJson) => (f.sessions[0].samples[0].ts = f.sessions[0].session.startedAt - 1),
      "sessions[0].samples[0].ts: before the session's start",
    ],
  ])('refuses %s', async (_name, spoil, expected) => {
    const { file } = await exportedFile();
    spoil(file);
    const db = freshDb();
    expect(await importExportJson(db, JSON.stringify(file))).toEqual({ ok: false, error: expected });
    expect(await db.samples.count()).toBe(0);
  });

  it('stores a session the file holds open as closed', async () => {
    const { file, seeded } = await exportedFile();
    delete file.sessions[0].session.endedAt;
    delete file.sessions[0].session.endReason;
    const db = freshDb();
    const result = await importExportJson(db, JSON.stringify(file));
    expect(result.ok && result.answer.closed).toBe(1);
    expect(await db.sessions.get(seeded.session.id)).toMatchObject({
      endedAt: seeded.samples.at(-1)!.ts,
      endReason: 'imported',
    });
  });

  it('adds only the rows missing here, never overwrites one, and says exactly what it added', async () => {
    const { file, seeded } = await exportedFile();
    const db = freshDb();
    const local = seeded.session;
    // Here: the session with its first ten samples (viewers 1000 at the first), its first cue done.
    await db.sessions.put({ ...local, title: '本机的标题' });
    await db.samples.bulkPut(
      seeded.samples.slice(0, 10).map((row, i) => (i === 0 ? { ...row, metrics: { viewers: 1000 } } : row)),
    );
    await db.cues.put({ ...seeded.cues[0]!, status: 'done' });
    // …and its first three comments, the first as this machine read it.
    await db.comments.bulkPut(
      seeded.comments.slice(0, 3).map((row, i) => (i === 0 ? { ...row, text: '本机读到的' } : row)),
    );
    await db.sessions.update(local.id, { commentCount: 3 });
    // The file: viewers 1 at the first sample, the cue still active, and rows this machine lacks.
    file.sessions[0].samples[0].metrics = { viewers: 1 };
    file.sessions[0].cues[0].status = 'active';
    file.sessions[0].session.title = 'the file title';

    const result = await importExportJson(db, JSON.stringify(file));
    expect(result.ok && result.answer).toEqual({
      added: { sessions: 0, samples: 10, comments: 4, actions: 2, cues: 1, products: 0 },
      alreadyHere: { sessions: 1, samples: 10, comments: 3, actions: 0, cues: 1, products: 0 },
      closed: 0,
      sessionIds: [local.id],
    });
    expect((await db.samples.get([local.id, seeded.samples[0]!.ts]))?.metrics).toEqual({ viewers: 1000 });
    expect((await db.cues.get(seeded.cues[0]!.id))?.status).toBe('done');
    expect((await db.sessions.get(local.id))?.title).toBe('本机的标题');
    expect(await db.samples.count()).toBe(20);
    expect((await db.comments.get([local.id, seeded.comments[0]!.ts]))?.text).toBe('本机读到的');
    expect(await db.comments.count()).toBe(7);
    expect((await db.sessions.get(local.id))?.commentCount).toBe(7);

    const again = await importExportJson(db, JSON.stringify(file));
    expect(again.ok && again.answer.added).toEqual({
      sessions: 0,
      samples: 0,
      comments: 0,
      actions: 0,
      cues: 0,
      products: 0,
    });
  });
});
