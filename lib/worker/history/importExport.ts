import type { ImportAnswer, ImportCounts } from '../../core/messages/commands';
import type { LivecueDb } from '../../store/database';
import {
  describeFirstIssue,
  type ExportedSession,
  type ExportFile,
  exportFileSchema,
  formatIssuePath,
} from '../../store/exportSchema';
import { dropProductPack } from '../../store/packGuard';
import { foldByProduct, productKey } from '../../store/productLatest';
import type { ProductSnapshotRow } from '../../store/productRows';
import type { SessionRow } from '../../store/rows';
import { sessionRange } from '../../store/sessionRange';

// Import of an export file. Imports only add (DESIGN.md §5): the whole file is validated before anything
// is written — its shape, then what the shape cannot say (times after the file was written, a row twice);
// imported sessions are stored closed; of a session that exists here only the rows missing here are
// added, and nothing here is overwritten. Importing the same file twice adds nothing the second time.

export type ImportResult =
  | { ok: true; answer: ImportAnswer; sessions: SessionRow[] }
  | { ok: false; error: string };

/** A file written this far after this computer's clock is refused (two machines' clocks may differ a bit). */
const FUTURE_SLACK_MS = 24 * 3_600_000;
/** Slack between a session's last reading and the export, on the session's own clock. */
const EXPORT_SLACK_MS = 60_000;
const MAX_CLOCK_OFFSET_MS = 400 * 24 * 3_600_000;

/** Parses and validates an export file; the error names the first bad field. */
export function parseExportJson(
  text: string,
  now: number = Date.now(),
): { ok: true; file: ExportFile } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = exportFileSchema().safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeFirstIssue(parsed.error) };
  const problem = firstProblem(parsed.data, now);
  return problem ? { ok: false, error: problem } : { ok: true, file: parsed.data };
}

interface Problem {
  path: (string | number)[];
  message: string;
}

/** What the schema cannot check: times bounded by the export, each session and row once. */
function firstProblem(file: ExportFile, now: number): string | undefined {
  if (file.exportedAt > now + FUTURE_SLACK_MS) return "exportedAt: after this computer's clock";
  const seen = { sessions: new Set<string>(), actions: new Set<string>(), cues: new Set<string>() };
  for (const [i, entry] of file.sessions.entries()) {
    const problem = sessionProblem(entry, file.exportedAt, seen);
    if (problem) return `${formatIssuePath(['sessions', i, ...problem.path])}: ${problem.message}`;
  }
  return undefined;
}

function sessionProblem(
  entry: ExportedSession,
  exportedAt: number,
  seen: { sessions: Set<string>; actions: Set<string>; cues: Set<string> },
): Problem | undefined {
  const { session } = entry;
  if (seen.sessions.has(session.id))
    return { path: ['session', 'id'], message: 'the file holds this session twice' };
  seen.sessions.add(session.id);
  const offset = session.clockOffsetMs ?? 0;
  if (Math.abs(offset) > MAX_CLOCK_OFFSET_MS)
    return { path: ['session', 'clockOffsetMs'], message: 'out of range' };
  // The moment of the export on the session's own clock (samples carry the page's time): nothing is later.
  const bound = exportedAt - offset + EXPORT_SLACK_MS;
  const outOfSession = (value: number | undefined, path: (string | number)[]): Problem | undefined => {
    if (value === undefined) return undefined;
    if (value > bound) return { path, message: "after the file's export time" };
    if (value < session.startedAt) return { path, message: "before the session's start" };
    return undefined;
  };
  const sessionTimes =
    outOfSession(session.startedAt, ['session', 'startedAt']) ??
    outOfSession(session.lastSampleAt, ['session', 'lastSampleAt']) ??
    outOfSession(session.endedAt, ['session', 'endedAt']);
  if (sessionTimes) return sessionTimes;

  const sampleTimes = new Set<number>();
  for (const [j, row] of entry.samples.entries()) {
    if (sampleTimes.has(row.ts))
      return { path: ['samples', j, 'ts'], message: 'a second sample at this time' };
    sampleTimes.add(row.ts);
    const problem = outOfSession(row.ts, ['samples', j, 'ts']);
    if (problem) return problem;
  }
  const productProblem = productRowsProblem(entry, outOfSession);
  if (productProblem) return productProblem;
  const commentTimes = new Set<number>();
  for (const [j, row] of (entry.comments ?? []).entries()) {
    if (commentTimes.has(row.ts))
      return { path: ['comments', j, 'ts'], message: 'a second comment at this time' };
    commentTimes.add(row.ts);
    // A comment can be read a moment before the session's first reading: only the export bounds it.
    if (row.ts > bound) return { path: ['comments', j, 'ts'], message: "after the file's export time" };
  }
  for (const [j, row] of entry.actions.entries()) {
    if (seen.actions.has(row.id))
      return { path: ['actions', j, 'id'], message: 'a second action with this id' };
    seen.actions.add(row.id);
    const problem = outOfSession(row.ts, ['actions', j, 'ts']);
    if (problem) return problem;
  }
  for (const [j, row] of entry.cues.entries()) {
    if (seen.cues.has(row.id)) return { path: ['cues', j, 'id'], message: 'a second cue with this id' };
    seen.cues.add(row.id);
    const problem = outOfSession(row.firedAt, ['cues', j, 'firedAt']);
    if (problem) return problem;
  }
  return undefined;
}

/** Each product once per time, each pin change once per time, all within the session. */
function productRowsProblem(
  entry: ExportedSession,
  outOfSession: (value: number, path: (string | number)[]) => Problem | undefined,
): Problem | undefined {
  const snapshotKeys = new Set<string>();
  for (const [j, row] of (entry.productSnapshots ?? []).entries()) {
    const key = `${row.productId}\u0000${row.ts}`;
    if (snapshotKeys.has(key)) {
      return {
        path: ['productSnapshots', j, 'ts'],
        message: 'a second snapshot of this product at this time',
      };
    }
    snapshotKeys.add(key);
    const problem = outOfSession(row.ts, ['productSnapshots', j, 'ts']);
    if (problem) return problem;
  }
  const pinTimes = new Set<number>();
  for (const [j, row] of (entry.productPins ?? []).entries()) {
    if (pinTimes.has(row.ts))
      return { path: ['productPins', j, 'ts'], message: 'a second pin change at this time' };
    pinTimes.add(row.ts);
    const problem = outOfSession(row.ts, ['productPins', j, 'ts']);
    if (problem) return problem;
  }
  return undefined;
}

const zero = (): ImportCounts => ({ sessions: 0, samples: 0, comments: 0, actions: 0, cues: 0, products: 0 });
const WRITE_CHUNK = 10_000;

/** The session as stored here: closed, since an import never opens one. */
function closedRow(entry: ExportedSession): SessionRow {
  const { session } = entry;
  if (session.endedAt !== undefined) return session;
  const lastTs = entry.samples.reduce((max, row) => Math.max(max, row.ts), session.lastSampleAt);
  return { ...session, endedAt: lastTs, endReason: 'imported' };
}

/**
 * The row to store: closed, counting the comments it will hold (the file's own count is not trusted), and
 * marked with when it arrived here: whatever its dates, it never places a live reading (placeSample) and
 * its retention runs from its import.
 */
function importedRow(entry: ExportedSession, now: number): SessionRow {
  return { ...closedRow(entry), commentCount: entry.comments?.length ?? 0, importedAt: now };
}

/**
 * Folds snapshots just added into their products' stored latest values (the worker files a live session's
 * next reading against them, so an import into it must move them too).
 */
async function foldIntoLatest(db: LivecueDb, added: readonly ProductSnapshotRow[]): Promise<void> {
  if (added.length === 0) return;
  const keys = new Map(added.map((row) => [productKey(row.sessionId, row.productId), row]));
  const stored = await db.productLatest.bulkGet(
    [...keys.values()].map((row): [string, string] => [row.sessionId, row.productId]),
  );
  const held = new Map(
    stored.flatMap((row) => (row ? [[productKey(row.sessionId, row.productId), row]] : [])),
  );
  await db.productLatest.bulkPut(
    foldByProduct(added, (sessionId, productId) => held.get(productKey(sessionId, productId))),
  );
}

/** A session's product rows of the file that are not here (a row here is never replaced). */
async function addProductRows(
  db: LivecueDb,
  entry: ExportedSession,
): Promise<{ added: number; alreadyHere: number; snapshots: number }> {
  const snapshots = entry.productSnapshots ?? [];
  const pins = entry.productPins ?? [];
  const heldSnapshots = await db.productSnapshots.bulkGet(
    snapshots.map((row): [string, string, number] => [row.sessionId, row.productId, row.ts]),
  );
  const newSnapshots = snapshots.filter((_, i) => !heldSnapshots[i]);
  for (let i = 0; i < newSnapshots.length; i += WRITE_CHUNK) {
    await db.productSnapshots.bulkAdd(newSnapshots.slice(i, i + WRITE_CHUNK));
  }
  await foldIntoLatest(db, newSnapshots);
  const heldPins = await db.productPins.bulkGet(pins.map((row): [string, number] => [row.sessionId, row.ts]));
  const newPins = pins.filter((_, i) => !heldPins[i]);
  await db.productPins.bulkAdd(newPins);
  const added = newSnapshots.length + newPins.length;
  return { added, alreadyHere: snapshots.length + pins.length - added, snapshots: newSnapshots.length };
}

export async function importExportJson(
  db: LivecueDb,
  text: string,
  now: number = Date.now(),
): Promise<ImportResult> {
  const parsed = parseExportJson(text, now);
  if (!parsed.ok) return parsed;
  const added = zero();
  const alreadyHere = zero();
  let closed = 0;
  const sessions: SessionRow[] = [];
  try {
    const tables = [
      db.sessions,
      db.samples,
      db.comments,
      db.actions,
      db.cues,
      db.productSnapshots,
      db.productPins,
      db.productLatest,
      db.samplePacks,
      db.productBlocks,
      db.productPacks,
    ];
    await db.transaction('rw', tables, async () => {
      for (const entry of parsed.file.sessions) {
        const here = await db.sessions.get(entry.session.id);
        if (here) {
          alreadyHere.sessions += 1;
          sessions.push(here);
        } else {
          const row = importedRow(entry, now);
          if (entry.session.endedAt === undefined) closed += 1;
          await db.sessions.add(row);
          added.sessions += 1;
          sessions.push(row);
        }
        const [lower, upper] = sessionRange(entry.session.id);
        const heldTs = new Set(
          (await db.samples.where('[sessionId+ts]').between(lower, upper).primaryKeys()).map(([, ts]) => ts),
        );
        const samples = entry.samples.filter((row) => !heldTs.has(row.ts));
        for (let i = 0; i < samples.length; i += WRITE_CHUNK) {
          await db.samples.bulkAdd(samples.slice(i, i + WRITE_CHUNK));
        }
        // Its packed copy no longer covers every sample: the background packs the session again.
        if (here && samples.length) await db.samplePacks.delete(here.id);
        const fileComments = entry.comments ?? [];
        const heldCommentTs = here
          ? new Set(
              (await db.comments.where('[sessionId+ts]').between(lower, upper).primaryKeys()).map(
                ([, ts]) => ts,
              ),
            )
          : new Set<number>();
        const comments = fileComments.filter((row) => !heldCommentTs.has(row.ts));
        for (let i = 0; i < comments.length; i += WRITE_CHUNK) {
          await db.comments.bulkAdd(comments.slice(i, i + WRITE_CHUNK));
        }
        if (here && comments.length) {
          await db.sessions.update(here.id, { commentCount: (here.commentCount ?? 0) + comments.length });
        }
        // Cue and action ids are unique across sessions: one here, under whatever session, is left alone.
        const heldActions = await db.actions.bulkGet(entry.actions.map((row) => row.id));
        const actions = entry.actions.filter((_, i) => !heldActions[i]);
        await db.actions.bulkAdd(actions);
        const heldCues = await db.cues.bulkGet(entry.cues.map((row) => row.id));
        const cues = entry.cues.filter((_, i) => !heldCues[i]);
        await db.cues.bulkAdd(cues);
        const products = await addProductRows(db, entry);
        // Its packed product snapshots no longer cover them all: the background packs the session again.
        if (here && products.snapshots) await dropProductPack(db, here.id);
        added.products = (added.products ?? 0) + products.added;
        alreadyHere.products = (alreadyHere.products ?? 0) + products.alreadyHere;
        added.samples += samples.length;
        added.comments += comments.length;
        added.actions += actions.length;
        added.cues += cues.length;
        alreadyHere.samples += entry.samples.length - samples.length;
        alreadyHere.comments += fileComments.length - comments.length;
        alreadyHere.actions += entry.actions.length - actions.length;
        alreadyHere.cues += entry.cues.length - cues.length;
      }
    });
  } catch (error) {
    return { ok: false, error: `could not write: ${error instanceof Error ? error.message : String(error)}` };
  }
  const sessionIds = parsed.file.sessions.map((entry) => entry.session.id);
  return { ok: true, answer: { added, alreadyHere, closed, sessionIds }, sessions };
}
