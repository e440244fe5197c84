import type { LivecueDb } from '../../store/database';
import { describeFirstIssue, type ExportFile, exportFileSchema } from '../../store/exportSchema';
import type { SessionRow } from '../../store/rows';

// Import of an export file. The whole file is validated before anything is written; rows keep their
// keys, so importing the same file twice (or a file of sessions already here) duplicates nothing.

export interface ImportCounts {
  sessions: number;
  samples: number;
  actions: number;
  cues: number;
}
export type ImportResult =
  | { ok: true; counts: ImportCounts; sessionIds: string[] }
  | { ok: false; error: string };

/** Parses and validates an export file; the error names the first bad field. */
export function parseExportJson(text: string): { ok: true; file: ExportFile } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = exportFileSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, file: parsed.data }
    : { ok: false, error: describeFirstIssue(parsed.error) };
}

const WRITE_CHUNK = 10_000;

export async function importExportJson(db: LivecueDb, text: string): Promise<ImportResult> {
  const parsed = parseExportJson(text);
  if (!parsed.ok) return parsed;
  const counts: ImportCounts = { sessions: 0, samples: 0, actions: 0, cues: 0 };
  try {
    await db.transaction('rw', [db.sessions, db.samples, db.actions, db.cues], async () => {
      for (const entry of parsed.file.sessions) {
        // A session still live here may know more than the file: keep the row that saw the later sample.
        const here = await db.sessions.get(entry.session.id);
        const keep: SessionRow =
          here && here.lastSampleAt > entry.session.lastSampleAt ? here : entry.session;
        await db.sessions.put(keep);
        for (let i = 0; i < entry.samples.length; i += WRITE_CHUNK) {
          await db.samples.bulkPut(entry.samples.slice(i, i + WRITE_CHUNK));
        }
        await db.actions.bulkPut(entry.actions);
        await db.cues.bulkPut(entry.cues);
        counts.sessions += 1;
        counts.samples += entry.samples.length;
        counts.actions += entry.actions.length;
        counts.cues += entry.cues.length;
      }
    });
  } catch (error) {
    return { ok: false, error: `could not write: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, counts, sessionIds: parsed.file.sessions.map((entry) => entry.session.id) };
}
