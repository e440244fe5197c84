import type { LivecueDb } from '../../store/database';
import { EXPORT_FORMAT, EXPORT_SCHEMA_VERSION } from '../../store/exportSchema';
import { sessionRange } from '../../store/sessionRange';
import { commenterNames } from './commenterNames';
import { createExportFile } from './exportBlob';
import {
  commentChunks,
  DEFAULT_EXPORT_CHUNK,
  exportStart,
  type OnExportProgress,
  pieceCount,
  productSnapshotChunks,
  samplePieces,
} from './exportProgress';
import { writeSampleBlockJson } from './sampleBlockJson';

// The JSON export (lib/store/exportSchema.ts describes it), written a few rows at a time into the file's
// bytes (exportBlob.ts), so the whole file never exists as one string in the JS heap. Packed samples are
// written from their blocks (sampleBlockJson.ts), text identical to stringifying the rows.

export interface JsonExportOptions {
  chunkSize?: number;
  now?: () => number;
  /** Commenters written as `viewer 1`, `viewer 2`… (the operator's setting). */
  hideUsers?: boolean;
}

/**
 * Rows stringified together: one stringify per few rows is faster than one per row, and a few rows' text
 * stays far below V8's large-object size (128 KB), past which every string costs fresh pages.
 */
const ROWS_PER_STRINGIFY = 64;

/** Rows as the inside of a JSON array. */
const rowsJson = (rows: readonly unknown[]) => JSON.stringify(rows).slice(1, -1);

export async function exportSessionsJson(
  db: LivecueDb,
  sessionIds: readonly string[],
  onProgress: OnExportProgress = () => {},
  options: JsonExportOptions = {},
): Promise<Blob> {
  const chunkSize = options.chunkSize ?? DEFAULT_EXPORT_CHUNK;
  const { sessions, total } = await exportStart(db, sessionIds, onProgress);
  let done = 0;

  const exportedAt = (options.now ?? Date.now)();
  const name = commenterNames(options.hideUsers ?? false);
  const file = createExportFile('application/json');
  file.add(
    `{"format":${JSON.stringify(EXPORT_FORMAT)},"schemaVersion":${EXPORT_SCHEMA_VERSION},"exportedAt":${exportedAt},"sessions":[`,
  );
  for (const [index, session] of sessions.entries()) {
    file.add(`${index ? ',' : ''}{"session":${JSON.stringify(session)},"samples":[`);
    let first = true;
    /** Adds rows to the array being written, a few at a time, after a comma unless the array is empty. */
    const addRows = (rows: readonly unknown[]) => {
      for (let i = 0; i < rows.length; i += ROWS_PER_STRINGIFY) {
        const text = rowsJson(
          rows.length <= ROWS_PER_STRINGIFY ? rows : rows.slice(i, i + ROWS_PER_STRINGIFY),
        );
        file.add(first ? text : `,${text}`);
        first = false;
      }
    };
    for await (const piece of samplePieces(db, session.id, chunkSize)) {
      if (piece.rows) addRows(piece.rows);
      else
        for (const block of piece.blocks) {
          writeSampleBlockJson(block, file.add, first);
          first &&= block.count === 0;
        }
      done += pieceCount(piece);
      onProgress({ done, total });
    }
    const [lower, upper] = sessionRange(session.id);
    file.add('],"comments":[');
    first = true;
    for await (const rows of commentChunks(db, session.id, chunkSize)) {
      const written = options.hideUsers ? rows.map((row) => ({ ...row, user: name(row.user) })) : rows;
      addRows(written);
      done += rows.length;
      onProgress({ done, total });
    }
    file.add('],"productSnapshots":[');
    first = true;
    for await (const rows of productSnapshotChunks(db, session.id, chunkSize)) {
      addRows(rows);
      done += rows.length;
      onProgress({ done, total });
    }
    const pins = await db.productPins.where('[sessionId+ts]').between(lower, upper).toArray();
    file.add('],"productPins":[');
    first = true;
    addRows(pins);
    done += pins.length;
    const actions = await db.actions.where('[sessionId+ts]').between(lower, upper).toArray();
    const cues = await db.cues.where('[sessionId+firedAt]').between(lower, upper).toArray();
    file.add('],"actions":[');
    first = true;
    addRows(actions);
    file.add('],"cues":[');
    first = true;
    addRows(cues);
    file.add(']}');
    done += actions.length + cues.length;
    onProgress({ done, total });
  }
  file.add(']}');
  return file.blob();
}
