import { METRIC_IDS } from '../../core/metrics/metricCatalog';
import { PRODUCT_METRIC_IDS } from '../../core/products/productContract';
import type { LivecueDb } from '../../store/database';
import type { CommentRow, CueRow, SessionRow } from '../../store/rows';
import { sessionRange } from '../../store/sessionRange';
import { commenterNames, type NameCommenter } from './commenterNames';
import { type CsvCell, type CsvWriter, createCsvWriter } from './csvText';
import { createExportFile } from './exportBlob';
import {
  commentChunks,
  DEFAULT_EXPORT_CHUNK,
  exportStart,
  type OnExportProgress,
  productSnapshotChunks,
  sampleChunks,
} from './exportProgress';
import { createProductTable, type ProductTableRow } from './productTable';
import { COUNTER_IDS, type CsvResolution, createSampleTable, type SampleTableRow } from './sampleTable';

// The CSV export: a samples file (per second or per minute, with derived metrics), a cues file with
// outcomes, a comments file and a products file (one row per change of a product, its whole state).
// UTF-8 with a BOM so Excel shows Chinese; text quoted by papaparse (csvText.ts). Each chunk of rows is
// added to Blobs of a few megabytes (exportBlob.ts), so the file never exists as one string in the heap.

export interface CsvExportOptions {
  resolution: CsvResolution;
  chunkSize?: number;
  /** Commenters written as `viewer 1`, `viewer 2`… (the operator's setting). */
  hideUsers?: boolean;
}

const BOM = '\uFEFF';
const CSV_TYPE = 'text/csv;charset=utf-8';

export const SAMPLE_FIELDS = [
  'session_id',
  'room',
  'site',
  'time',
  'ts',
  'samples',
  ...METRIC_IDS,
  'capped',
  'product_id',
  'product_name',
  'product_price',
  'gpm',
  'uv_value',
  'aov',
  ...COUNTER_IDS.map((id) => `${id}_per_min`),
];

export const CUE_FIELDS = [
  'session_id',
  'room',
  'cue_id',
  'rule',
  'severity',
  'fired_at',
  'fired_ts',
  'status',
  'acted_at',
  'snoozed_until',
  'countdown_sec',
  'expires_at',
  'title',
  'detail',
  'params',
  'evidence',
  'outcome_metric',
  'outcome_before',
  'outcome_after',
  'outcome_lift',
];

export const COMMENT_FIELDS = ['session_id', 'room', 'time', 'ts', 'user', 'text', 'topics'];

export const PRODUCT_FIELDS = [
  'session_id',
  'room',
  'time',
  'ts',
  'product_id',
  'product_name',
  'product_price',
  ...PRODUCT_METRIC_IDS,
  'pinned',
  'changed',
  'sources',
];

const pad = (n: number) => String(n).padStart(2, '0');
let cachedMinute = Number.NaN;
let cachedMinuteText = '';
/** Local wall time `2026-11-24 20:00:05`, which Excel reads as a date. */
export function localTime(ts: number | undefined): string {
  if (ts === undefined) return '';
  // Rows come a second apart: the date and the hour:minute are formatted once a minute.
  const minute = ts - (((ts % 60_000) + 60_000) % 60_000);
  if (minute !== cachedMinute) {
    const d = new Date(minute);
    cachedMinute = minute;
    cachedMinuteText = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:`;
  }
  return cachedMinuteText + pad(Math.floor((ts - minute) / 1000));
}

/** A number cell: papaparse writes String(n), and nothing for a missing value. */
const numberCell = (value: number | null | undefined) =>
  value === undefined || value === null ? '' : String(value);

/**
 * Writes the samples file's lines by hand: this runs once per exported row (500k in the bench), so the
 * session's cells are escaped once per session, a product's once per run of rows sharing it, and numbers
 * are written as papaparse would (String(n)). The text equals `csv.rows` of the same cells (a test checks).
 */
export function createSampleLines(csv: CsvWriter, session: SessionRow) {
  const prefix = `${csv.cell(session.id)},${csv.cell(session.title)},${csv.cell(session.site)}`;
  let lastProduct: SampleTableRow['product'] | null = null;
  let productText = '';
  return (rows: readonly SampleTableRow[]): string => {
    // Array joins build flat strings; `+=` per cell builds rope strings that cost far more to flatten.
    const lines = new Array<string>(rows.length + 1);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      const cells: string[] = [prefix, csv.cell(localTime(row.ts)), String(row.ts), String(row.samples)];
      for (const value of row.values) cells.push(numberCell(value));
      if (row.product !== lastProduct || lastProduct === null) {
        const product = row.product;
        lastProduct = product;
        productText = `${csv.cell(product?.id)},${csv.cell(product?.name)},${csv.cell(product?.price)}`;
      }
      cells.push(
        row.capped.length ? csv.cell(row.capped.join(' ')) : '',
        productText,
        numberCell(row.gpm),
        numberCell(row.uvValue),
        numberCell(row.aov),
      );
      for (const value of row.perMinute) cells.push(numberCell(value));
      lines[r] = cells.join(',');
    }
    lines[rows.length] = '';
    return rows.length ? lines.join('\r\n') : '';
  };
}

function cueCells(session: SessionRow, cue: CueRow): CsvCell[] {
  return [
    session.id,
    session.title,
    cue.id,
    cue.ruleId,
    cue.severity,
    localTime(cue.firedAt),
    cue.firedAt,
    cue.status,
    localTime(cue.actedAt),
    localTime(cue.snoozedUntil),
    cue.countdownSec ?? null,
    localTime(cue.expiresAt),
    cue.title,
    cue.detail,
    JSON.stringify(cue.params),
    cue.evidence.map((e) => `${e.metric} ${e.from}→${e.to} in ${e.windowSec}s`).join('; '),
    cue.outcome?.metric ?? null,
    cue.outcome?.before ?? null,
    cue.outcome?.after ?? null,
    cue.outcome?.lift ?? null,
  ];
}

function commentCells(session: SessionRow, comment: CommentRow, name: NameCommenter): CsvCell[] {
  return [
    session.id,
    session.title,
    localTime(comment.ts),
    comment.ts,
    name(comment.user),
    comment.text,
    comment.topics.join(' '),
  ];
}

function productCells(session: SessionRow, row: ProductTableRow): CsvCell[] {
  const cells: CsvCell[] = [
    session.id,
    session.title,
    localTime(row.ts),
    row.ts,
    row.productId,
    row.name,
    row.price,
  ];
  for (const value of row.values) cells.push(value);
  cells.push(row.pinned ? 1 : 0, row.changed.join(' '), row.sources.join(' '));
  return cells;
}

export async function exportSessionsCsv(
  db: LivecueDb,
  sessionIds: readonly string[],
  options: CsvExportOptions,
  onProgress: OnExportProgress = () => {},
): Promise<{ samples: Blob; cues: Blob; comments: Blob; products: Blob | null }> {
  const chunkSize = options.chunkSize ?? DEFAULT_EXPORT_CHUNK;
  const { sessions, total } = await exportStart(db, sessionIds, onProgress);
  let done = 0;

  const csv: CsvWriter = createCsvWriter();
  const sampleFile = createExportFile(CSV_TYPE);
  sampleFile.add(BOM + csv.rows([SAMPLE_FIELDS]));
  const cueFile = createExportFile(CSV_TYPE);
  cueFile.add(BOM + csv.rows([CUE_FIELDS]));
  const commentFile = createExportFile(CSV_TYPE);
  commentFile.add(BOM + csv.rows([COMMENT_FIELDS]));
  const productFile = createExportFile(CSV_TYPE);
  productFile.add(BOM + csv.rows([PRODUCT_FIELDS]));
  let productRows = 0;
  const name = commenterNames(options.hideUsers ?? false);
  for (const session of sessions) {
    const table = createSampleTable(options.resolution);
    const sampleLines = createSampleLines(csv, session);
    for await (const rows of sampleChunks(db, session.id, chunkSize)) {
      sampleFile.add(sampleLines(table.add(rows)));
      done += rows.length;
      onProgress({ done, total });
    }
    sampleFile.add(sampleLines(table.finish()));
    for await (const rows of commentChunks(db, session.id, chunkSize)) {
      commentFile.add(csv.rows(rows.map((row) => commentCells(session, row, name))));
      done += rows.length;
      onProgress({ done, total });
    }
    const [lower, upper] = sessionRange(session.id);
    const pins = await db.productPins.where('[sessionId+ts]').between(lower, upper).toArray();
    const products = createProductTable(pins);
    for await (const rows of productSnapshotChunks(db, session.id, chunkSize)) {
      const table = products.add(rows);
      productRows += table.length;
      productFile.add(csv.rows(table.map((row) => productCells(session, row))));
      done += rows.length;
      onProgress({ done, total });
    }
    const pinRows = products.finish();
    productRows += pinRows.length;
    productFile.add(csv.rows(pinRows.map((row) => productCells(session, row))));
    done += pins.length;
    const cues = await db.cues.where('[sessionId+firedAt]').between(lower, upper).toArray();
    cueFile.add(csv.rows(cues.map((cue) => cueCells(session, cue))));
    // Actions are counted in the total (they are in the JSON export); the CSV carries their effect on cues.
    done += cues.length + (await db.actions.where('[sessionId+ts]').between(lower, upper).count());
    onProgress({ done, total });
  }
  return {
    samples: sampleFile.blob(),
    cues: cueFile.blob(),
    comments: commentFile.blob(),
    // Rooms read without a product list get no empty products file.
    products: productRows > 0 ? productFile.blob() : null,
  };
}
