import { ABSENT, NULL } from '../../store/metricColumns';
import { type SampleBlockRow, unpackBlock, type ValueRun } from '../../store/sampleBlocks';

// The JSON export's samples written straight from a packed block's columns: the text is exactly
// `JSON.stringify(unpackBlock(block))` without its brackets, but a run's product, health and capped
// flags are stringified once per run instead of once per row, and no row object is built. In Chromium
// this halves the export's serialising (JSON.stringify walked 500k nested rows). Each row is its own
// string, handed to the file as it is made (exportBlob.ts).

/** A number as JSON writes it (NaN and ±Infinity become null; -0 is 0 either way). */
const jsonNumber = (value: number) => (Number.isFinite(value) ? String(value) : 'null');

/**
 * Keys JSON.stringify would not write in the order a block holds them (an integer-like key comes first) or
 * that unpackBlock could not set as a plain field: such a block is written through row objects instead.
 */
const unusualKey = (key: string) => key === '__proto__' || /^(?:0|[1-9][0-9]*)$/.test(key);

/** Per run, the text it adds to each of its rows: `,"name":value`, or nothing when absent or undefined. */
function runFragments<T>(runs: readonly ValueRun<T>[], name: string): string[] {
  return runs.map((run) => {
    if (run.absent || run.value === undefined) return '';
    return `,"${name}":${JSON.stringify(run.value)}`;
  });
}

/**
 * Writes the block's rows as items of a JSON array, each handed to `add` as its own string (a comma before
 * it unless it is the array's first item): rows apart, no string grows past V8's large-object size.
 */
export function writeSampleBlockJson(
  block: SampleBlockRow,
  add: (text: string) => void,
  first: boolean,
): void {
  const ids = Object.keys(block.metrics);
  if (ids.some(unusualKey)) {
    const rows = unpackBlock(block);
    for (let i = 0; i < rows.length; i++) add((first && i === 0 ? '' : ',') + JSON.stringify(rows[i]));
    return;
  }
  const keys = ids.map((id) => `${JSON.stringify(id)}:`);
  const columns = ids.map((id) => block.metrics[id]!);
  const head = `{"sessionId":${JSON.stringify(block.sessionId)},"ts":`;
  const nextHead = `,${head}`;
  const capped = runFragments(block.capped, 'capped');
  const product = runFragments(block.product, 'product');
  const health = runFragments(block.health, 'health');
  // Run cursors: rows come in order, so each moves forward only.
  let c = 0;
  let p = 0;
  let h = 0;
  for (let i = 0; i < block.count; i++) {
    let metrics = '';
    for (let k = 0; k < columns.length; k++) {
      const column = columns[k]!;
      const kind = column.kinds[i];
      if (kind === ABSENT) continue;
      const value = kind === NULL ? 'null' : jsonNumber(column.values[i]!);
      metrics = metrics ? `${metrics},${keys[k]}${value}` : keys[k] + value;
    }
    while (c + 1 < block.capped.length && block.capped[c + 1]!.from <= i) c++;
    while (p + 1 < block.product.length && block.product[p + 1]!.from <= i) p++;
    while (h + 1 < block.health.length && block.health[h + 1]!.from <= i) h++;
    const src = block.src?.[i];
    add(
      `${first && i === 0 ? head : nextHead}${jsonNumber(block.times[i]!)},"metrics":{${metrics}}` +
        `${capped[c] ?? ''}${product[p] ?? ''}${health[h] ?? ''}${typeof src === 'string' ? `,"src":${JSON.stringify(src)}` : ''}}`,
    );
  }
}

/** The block's rows as the inside of a JSON array (rows separated by commas, no brackets). */
export function sampleBlockJson(block: SampleBlockRow): string {
  const rows: string[] = [];
  writeSampleBlockJson(block, (text) => rows.push(text), true);
  return rows.join('');
}
