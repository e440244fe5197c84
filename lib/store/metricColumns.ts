// One metric's values across the rows of a packed block (samples' and product snapshots' blocks alike): a
// value may be absent, null (shown and unreadable) or a number, so each row has a kind beside its number.

/** Per row: ABSENT the key is absent, NULL the value is null, NUMBER the value is the number in `values`. */
export interface MetricColumn {
  values: Float64Array;
  kinds: Uint8Array;
}

export const ABSENT = 0;
export const NULL = 1;
export const NUMBER = 2;

/** Writes row `i`'s metric values into the columns of a block of `count` rows, making a column when first met. */
export function putMetrics(
  columns: Record<string, MetricColumn>,
  metrics: Readonly<Record<string, number | null | undefined>>,
  count: number,
  i: number,
): void {
  for (const [id, value] of Object.entries(metrics)) {
    columns[id] ??= { values: new Float64Array(count), kinds: new Uint8Array(count) };
    const column = columns[id];
    if (value === null) column.kinds[i] = NULL;
    else {
      column.kinds[i] = NUMBER;
      column.values[i] = value as number;
    }
  }
}

/** Row `i`'s metric values from a block's columns (as `Object.entries` gives them), in the columns' order. */
export function metricsAt(
  columns: readonly [string, MetricColumn][],
  i: number,
): Record<string, number | null> {
  const metrics: Record<string, number | null> = {};
  for (const [id, column] of columns) {
    const kind = column.kinds[i];
    if (kind === ABSENT) continue;
    metrics[id] = kind === NULL ? null : column.values[i]!;
  }
  return metrics;
}
