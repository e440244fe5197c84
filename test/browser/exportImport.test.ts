import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXPORT_SCHEMA_VERSION } from '../../lib/store/exportSchema';
import {
  type Harness,
  loadScenario,
  PLAY_POLL_MS,
  readStoredTables,
  type StoredTables,
  startHarness,
} from './extensionHarness';

// History leaves the machine only by an explicit export from the sessions page, and comes back by import:
// JSON export → import into a fresh profile gives identical data; CSV opens in Excel with Chinese
// intact (UTF-8 BOM); a corrupt file is refused with the path of its error and changes nothing.

const dir = mkdtempSync(join(tmpdir(), 'livecue-export-'));

async function openSessions(harness: Harness): Promise<Page> {
  const sessions = await harness.browser.context.newPage();
  await sessions.goto(harness.browser.extensionUrl('sessions.html'));
  await sessions.locator('[data-testid="sessions-page"]').waitFor();
  return sessions;
}

async function download(sessions: Page, testId: string, count = 1): Promise<string[]> {
  const files: string[] = [];
  const done = new Promise<void>((resolve) => {
    sessions.on('download', async (item) => {
      const path = join(dir, item.suggestedFilename());
      await item.saveAs(path);
      files.push(path);
      if (files.length === count) resolve();
    });
  });
  await sessions.locator(`[data-testid="${testId}"]`).click();
  await done;
  sessions.removeAllListeners('download');
  return files;
}

const canonical = (t: StoredTables) =>
  JSON.stringify({
    sessions: [...t.sessions].sort((a, b) => a.id.localeCompare(b.id)),
    samples: [...t.samples].sort((a, b) => a.ts - b.ts),
    actions: [...t.actions].sort((a, b) => a.id.localeCompare(b.id)),
    cues: [...t.cues].sort((a, b) => a.id.localeCompare(b.id)),
  });

describe('export and import', () => {
  let source: Harness;
  let target: Harness;
  let exported: StoredTables;
  let jsonFile: string;
  beforeAll(async () => {
    source = await startHarness();
    const reader = await source.openReader();
    const room = await source.openRoom(loadScenario('thin-drop'), { speed: 36 });
    await room.waitForFunction(() => window.mockRoom.state().ended, undefined, {
      timeout: 60_000,
      polling: PLAY_POLL_MS,
    });
    // The room's end-of-live modal ends the session; wait for that before taking the reference copy.
    await vi.waitFor(
      async () => expect((await readStoredTables(reader)).sessions[0]?.endedAt).toBeTypeOf('number'),
      { timeout: 30_000, interval: 200 },
    );
    exported = await readStoredTables(reader);
    expect(exported.sessions[0]?.endReason).toBe('room-ended');
    // The background packs ended sessions for fast export (on an alarm; the e2e build lets the test say
    // when), so the export below reads the packed copy.
    const packed = await (await source.browser.serviceWorker()).evaluate(() => globalThis.livecuePackNow!());
    expect(packed).toBe(1);
  }, 120_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('lists the session on the sessions page and exports it as JSON and as CSV with Chinese intact', async () => {
    const sessions = await openSessions(source);
    await expect.poll(() => sessions.locator('[data-testid="session-row"]').count()).toBe(1);
    await sessions.locator('[data-testid="select-all"]').click();
    [jsonFile] = (await download(sessions, 'export-json')) as [string];
    const file = JSON.parse(readFileSync(jsonFile, 'utf8'));
    expect(file).toMatchObject({ format: 'livecue-export', schemaVersion: EXPORT_SCHEMA_VERSION });
    expect(file.sessions[0].samples).toHaveLength(exported.samples.length);

    // Samples, cues and comments: waits for all three, since they may land in any order.
    const csvFiles = await download(sessions, 'export-csv-second', 3);
    const samplesCsv = readFileSync(csvFiles.find((f) => /sample/i.test(f)) ?? csvFiles[0]!, 'utf8');
    expect(samplesCsv.charCodeAt(0)).toBe(0xfeff);
    expect(samplesCsv).toContain('羊绒围巾');
    expect(samplesCsv.split('\n').length).toBeGreaterThan(100);
  });

  it('imports the JSON into a fresh profile with identical data', async () => {
    target = await startHarness();
    const sessions = await openSessions(target);
    await sessions.locator('[data-testid="import-file"]').setInputFiles(jsonFile);
    await expect
      .poll(() => sessions.locator('[data-testid="session-row"]').count(), { timeout: 20_000 })
      .toBe(1);
    const imported = await readStoredTables(sessions);
    // Imported sessions carry when they arrived here (retention counts from it); the rest is identical.
    expect(imported.sessions.every((row) => typeof row.importedAt === 'number')).toBe(true);
    const sessionRows = imported.sessions.map(({ importedAt: _importedAt, ...row }) => row);
    expect(JSON.parse(canonical({ ...imported, sessions: sessionRows }))).toEqual(
      JSON.parse(canonical(exported)),
    );
  });

  it('refuses a corrupt file, names the field, and changes nothing', async () => {
    const sessions = await openSessions(target);
    const before = canonical(await readStoredTables(sessions));
    const corrupt = JSON.parse(readFileSync(jsonFile, 'utf8'));
    corrupt.sessions[0].samples[3].ts = 'yesterday';
    corrupt.sessions[0].session.id = 'another-session';
    const corruptFile = join(dir, 'corrupt.json');
    writeFileSync(corruptFile, JSON.stringify(corrupt));
    await sessions.locator('[data-testid="import-file"]').setInputFiles(corruptFile);
    const notice = sessions.locator('[data-testid="sessions-notice"]');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toMatch(/samples\[3\]\.ts/);
    expect(canonical(await readStoredTables(sessions))).toBe(before);
  });
});
