import { describe, expect, it } from 'vitest';
import { exportSessionsJson } from '../../../../lib/ui/history/exportJson';
import { importExportJson } from '../../../../lib/worker/history/importExport';
import { freshDb, seedSession, T0 } from '../../historyFixtures';

// An imported session's rule settings and run-of-show say only what the rules know, in bounds a live
// room can have: anything else is refused with its path, and nothing is written.

async function exportedFile() {
  const source = freshDb();
  const seeded = await seedSession(source, 'r1', T0, 20);
  const text = await (await exportSessionsJson(source, [seeded.session.id])).text();
  return JSON.parse(text);
}

describe('importing rule settings and plans', () => {
  it('refuses a rule setting no rule knows, naming it, and writes nothing', async () => {
    const file = await exportedFile();
    file.sessions[0].session.ruleSettings['traffic-drop'].dropPt = 30;
    const db = freshDb();
    expect(await importExportJson(db, JSON.stringify(file))).toEqual({
      ok: false,
      error: 'sessions[0].session.ruleSettings.traffic-drop.dropPt: unknown field',
    });
    expect(await db.sessions.count()).toBe(0);
  });

  it('refuses a rule no build has', async () => {
    const file = await exportedFile();
    file.sessions[0].session.ruleSettings['mind-reader'] = { enabled: true };
    expect(await importExportJson(freshDb(), JSON.stringify(file))).toEqual({
      ok: false,
      error: 'sessions[0].session.ruleSettings.mind-reader: unknown field',
    });
  });

  it('refuses a run-of-show slot longer than a day, and takes a day-long one', async () => {
    const file = await exportedFile();
    const entry = file.sessions[0];
    const plan = (minutes: number) => ({
      id: 'plan-1',
      sessionId: entry.session.id,
      ts: entry.session.startedAt + 1000,
      type: 'plan',
      plan: [{ name: '羊毛袜', minutes }],
    });
    entry.actions.push(plan(1e9));
    const refused = await importExportJson(freshDb(), JSON.stringify(file));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(/^sessions\[0\]\.actions\[\d+\]\.plan\[0\]\.minutes: /);
    entry.actions[entry.actions.length - 1] = plan(24 * 60);
    expect((await importExportJson(freshDb(), JSON.stringify(file))).ok).toBe(true);
  });
});
