import type { LivecueDb } from '../../store/database';
import { EXPORT_FORMAT, EXPORT_SCHEMA_VERSION } from '../../store/exportSchema';
import { sessionRange } from '../../store/sessionRange';
import { commenterNames } from './commenterNames';
import {
  commentChunks,
  DEFAULT_EXPORT_CHUNK,
  exportStart,
  type OnExportProgress,
  productSnapshotChunks,
  sampleChunks,
} from './exportProgress';

// The JSON export (lib/store/exportSchema.ts describes it), built as a Blob of many small parts: each
// chunk of rows becomes its own Blob, so the whole file never exists as one string in the JS heap.

export interface JsonExportOptions {
  chunkSize?: number;
  now?: () => number;
  /** Commenters written as `viewer 1`, `viewer 2`… (the operator's setting). */
  hideUsers?: boolean;
}

/** Rows as the inside of a JSON array (one stringify per chunk is faster than one per row). */
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
  const parts: BlobPart[] = [
    `{"format":${JSON.stringify(EXPORT_FORMAT)},"schemaVersion":${EXPORT_SCHEMA_VERSION},"exportedAt":${exportedAt},"sessions":[`,
  ];
  for (const [index, session] of sessions.entries()) {
    parts.push(`${index ? ',' : ''}{"session":${JSON.stringify(session)},"samples":[`);
    let first = true;
    for await (const rows of sampleChunks(db, session.id, chunkSize)) {
      parts.push(new Blob([(first ? '' : ',') + rowsJson(rows)]));
      first = false;
      done += rows.length;
      onProgress({ done, total });
    }
    const [lower, upper] = sessionRange(session.id);
    parts.push('],"comments":[');
    first = true;
    for await (const rows of commentChunks(db, session.id, chunkSize)) {
      const written = options.hideUsers ? rows.map((row) => ({ ...row, user: name(row.user) })) : rows;
      parts.push(new Blob([(first ? '' : ',') + rowsJson(written)]));
      first = false;
      done += rows.length;
      onProgress({ done, total });
    }
    parts.push('],"productSnapshots":[');
    first = true;
    for await (const rows of productSnapshotChunks(db, session.id, chunkSize)) {
      parts.push(new Blob([(first ? '' : ',') + rowsJson(rows)]));
      first = false;
      done += rows.length;
      onProgress({ done, total });
    }
    const pins = await db.productPins.where('[sessionId+ts]').between(lower, upper).toArray();
    parts.push(new Blob([`],"productPins":[${rowsJson(pins)}`]));
    done += pins.length;
    const actions = await db.actions.where('[sessionId+ts]').between(lower, upper).toArray();
    const cues = await db.cues.where('[sessionId+firedAt]').between(lower, upper).toArray();
    parts.push(new Blob([`],"actions":[${rowsJson(actions)}],"cues":[${rowsJson(cues)}]}`]));
    done += actions.length + cues.length;
    onProgress({ done, total });
  }
  parts.push(']}');
  return new Blob(parts, { type: 'application/json' });
}
