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
  pieceCount,
  productSnapshotChunks,
  samplePieces,
} from './exportProgress';
import { createProductTable, type ProductTableRow } from './productTable';
import { COUNTER_IDS, type CsvResolution, createSampleBuckets, type SampleTableRow } from './sampleTable';

// The CSV export: a samples file (per second or per minute, with derived metrics), a cues file with
// outcomes, a comments file and a products file (one row per change of a product, its whole state).
// UTF-8 with a BOM so Excel shows Chinese; text quoted by papaparse (csvText.ts). Each line is added to
// the file's bytes as it is made (exportBlob.ts), so the file never exists as one string in the heap.

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

/** The cells of a samples row (a SampleTableRow, or the reused SampleTableLine of createSampleBuckets). */
export interface SampleLineCells {
  ts: number;
  samples: number;
  values: readonly (number | undefined)[];
  capped: readonly string[];
  product: SampleTableRow['product'];
  gpm?: number | undefined;
  uvValue?: number | undefined;
  aov?: number | undefined;
  perMinute: readonly (number | undefined)[];
}

/** Number columns of a samples line whose last text is kept: values, gpm, UV value, AOV, rates. */
const NUMBER_COLUMNS = METRIC_IDS.length + 3 + COUNTER_IDS.length;

/**
 * Writes the samples file's lines by hand, each handed to `addLine` without its CRLF: this runs once per
 * exported row (500k in the bench), so the session's cells are escaped once per session, a product's once
 * per run of rows sharing it, and a number column's text is made again only when its value changes
 * (counters and rates hold for many rows). Numbers are written as papaparse would (String(n)). The text
 * equals `csv.rows` of the same cells (a test checks).
 */
export function createSampleLineWriter(
  csv: CsvWriter,
  session: SessionRow,
  addLine: (line: string) => void,
): (row: SampleLineCells) => void {
  const prefix = `${csv.cell(session.id)},${csv.cell(session.title)},${csv.cell(session.site)}`;
  let lastProduct: SampleTableRow['product'] | null = null;
  let productText = '';
  const lastValue = new Array<number>(NUMBER_COLUMNS).fill(Number.NaN);
  const lastText = new Array<string>(NUMBER_COLUMNS).fill('');
  /** The text of number column k (NaN never equals itself, so it is always made again). */
  const numberText = (k: number, value: number | undefined) => {
    if (value === undefined) return '';
    if (value === lastValue[k]) return lastText[k]!;
    const text = String(value);
    lastValue[k] = value;
    lastText[k] = text;
    return text;
  };
  // One array of cells reused for every line (a join builds a flat string; `+=` per cell builds ropes that
  // cost far more to flatten): session (3 columns in one), time, ts, samples, values, capped, product
  // (3 in one), then gpm, UV value, AOV and the rates.
  const cells = new Array<string>(6 + NUMBER_COLUMNS).fill('');
  const GPM = 6 + METRIC_IDS.length;
  return (row) => {
    cells[0] = prefix;
    cells[1] = csv.cell(localTime(row.ts));
    cells[2] = String(row.ts);
    cells[3] = String(row.samples);
    const values = row.values;
    let at = 4;
    for (let k = 0; k < values.length; k++) cells[at++] = numberText(k, values[k]);
    if (row.product !== lastProduct || lastProduct === null) {
      const product = row.product;
      lastProduct = product;
      productText = `${csv.cell(product?.id)},${csv.cell(product?.name)},${csv.cell(product?.price)}`;
    }
    cells[at++] = row.capped.length ? csv.cell(row.capped.join(' ')) : '';
    cells[at++] = productText;
    const k = values.length;
    cells[GPM] = numberText(k, row.gpm);
    cells[GPM + 1] = numberText(k + 1, row.uvValue);
    cells[GPM + 2] = numberText(k + 2, row.aov);
    const perMinute = row.perMinute;
    for (let r = 0; r < perMinute.length; r++) cells[GPM + 3 + r] = numberText(k + 3 + r, perMinute[r]);
    addLine(cells.join(','));
  };
}

/** The samples file's lines of these rows (see createSampleLineWriter), each ending with CRLF. */
export function createSampleLines(csv: CsvWriter, session: SessionRow) {
  let lines: string[] = [];
  const write = createSampleLineWriter(csv, session, (line) => lines.push(line));
  return (rows: readonly SampleLineCells[]): string => {
    for (const row of rows) write(row);
    const text = lines.length ? `${lines.join('\r\n')}\r\n` : '';
    lines = [];
    return text;
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
  sampleFile.addLine(BOM + csv.line(SAMPLE_FIELDS));
  const cueFile = createExportFile(CSV_TYPE);
  cueFile.addLine(BOM + csv.line(CUE_FIELDS));
  const commentFile = createExportFile(CSV_TYPE);
  commentFile.addLine(BOM + csv.line(COMMENT_FIELDS));
  const productFile = createExportFile(CSV_TYPE);
  productFile.addLine(BOM + csv.line(PRODUCT_FIELDS));
  let productRows = 0;
  const name = commenterNames(options.hideUsers ?? false);
  for (const session of sessions) {
    // Packed samples go into the table column by column, and each line straight into the file: no row
    // object and no string bigger than a line between the store and the bytes.
    const table = createSampleBuckets(
      options.resolution,
      createSampleLineWriter(csv, session, sampleFile.addLine),
    );
    for await (const piece of samplePieces(db, session.id, chunkSize)) {
      if (piece.rows) table.addRows(piece.rows);
      else for (const block of piece.blocks) table.addBlock(block);
      done += pieceCount(piece);
      onProgress({ done, total });
    }
    table.finish();
    for await (const rows of commentChunks(db, session.id, chunkSize)) {
      for (const row of rows) commentFile.addLine(csv.line(commentCells(session, row, name)));
      done += rows.length;
      onProgress({ done, total });
    }
    const [lower, upper] = sessionRange(session.id);
    const pins = await db.productPins.where('[sessionId+ts]').between(lower, upper).toArray();
    const products = createProductTable(pins);
    const addProducts = (table: readonly ProductTableRow[]) => {
      for (const row of table) productFile.addLine(csv.line(productCells(session, row)));
      productRows += table.length;
    };
    for await (const rows of productSnapshotChunks(db, session.id, chunkSize)) {
      addProducts(products.add(rows));
      done += rows.length;
      onProgress({ done, total });
    }
    addProducts(products.finish());
    done += pins.length;
    const cues = await db.cues.where('[sessionId+firedAt]').between(lower, upper).toArray();
    for (const cue of cues) cueFile.addLine(csv.line(cueCells(session, cue)));
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
