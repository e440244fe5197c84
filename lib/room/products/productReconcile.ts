import {
  PRODUCT_METRIC_IDS,
  type ProductMetricValues,
  type ProductRowReading,
  type ProductValueSource,
} from '../../core/products/productContract';
import type { JsonValue } from './pageJsonFeed';
import type { DomProductRow } from './productTableReader';

// One product's values from the two sources, per value: the page's JSON where it has the value and is fresh
// (exact: fen, not "1.2万") — fresh meaning recent and not older than the table's last change, since a page
// may redraw its table from a faster feed than the call we see — the table as shown otherwise; a value only
// one source has comes from it (a row scrolled out of a virtual list keeps its last value either way).
// `sources` says which gave each value.

/** A JSON response older than this no longer outranks what the table shows (the page stopped polling it). */
export const JSON_FRESH_MS = 30_000;

export function reconcileRow(
  id: string,
  dom: DomProductRow | undefined,
  json: JsonValue | undefined,
  now: number,
): ProductRowReading {
  const fresh =
    json !== undefined && now - json.at <= JSON_FRESH_MS && (dom === undefined || dom.at <= json.at);
  const metrics: ProductMetricValues = {};
  const sources: Partial<Record<(typeof PRODUCT_METRIC_IDS)[number], ProductValueSource>> = {};
  for (const metric of PRODUCT_METRIC_IDS) {
    const fromJson = json?.row.metrics[metric];
    const fromDom = dom?.metrics[metric];
    // Both showing the same number: the table's, so a JSON poll that only catches up re-sends nothing.
    if (typeof fromJson === 'number' && (fresh || fromDom === undefined) && fromJson !== fromDom) {
      metrics[metric] = fromJson;
      sources[metric] = 'json';
    } else if (fromDom !== undefined) {
      metrics[metric] = fromDom;
      sources[metric] = 'dom';
    } else if (fromJson === null) {
      metrics[metric] = null;
      sources[metric] = 'json';
    }
  }
  const row: ProductRowReading = { id, metrics, sources };
  const name = dom?.name ?? json?.row.name;
  if (name) row.name = name;
  const price = (fresh ? json?.row.price : undefined) ?? dom?.price ?? json?.row.price;
  if (price !== undefined) row.price = price;
  return row;
}
