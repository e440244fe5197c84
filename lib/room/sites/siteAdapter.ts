import type { MetricValues, Product, ReaderHealth } from '../../core/messages/sample';
import type { MetricId } from '../../core/metrics/metricCatalog';

// What a platform adapter tells the generic label reader. Adapters only add hints (where to look,
// what to skip, where the product list is); the labels themselves come from the metric catalog.
// Only what the content script needs at run time lives here: each adapter's name, verified flag and
// selector registry (fixture, expected count) are in adapters/selectorRegistry.ts, which only tests import.

export interface ProductHints {
  /** Containers of the product list; the whole page when absent or not found. */
  listRoots?: readonly string[];
  /** One product row, found by `closest()` from the explain button. */
  item?: string;
  /** The element marking the product being explained, when the site has a class hook for it. */
  active?: string;
  name?: string;
  price?: string;
  /** Extra texts (normalised) that mark the explained product, besides 取消讲解 / 结束讲解 / 讲解中 / Unpin. */
  activeTexts?: readonly string[];
}

/**
 * Where a site's product list is and how it is laid out (lib/room/products/productTableReader.ts). A list is
 * a table whose header titles name the columns (`headerCells`; a row's cells are its children, in the
 * header's order) or, without them, rows whose own text labels each number ("Clicks 87", 库存 320).
 */
export interface ProductTableHints {
  /** The list's containers; every one found whose rows carry product ids is read. */
  containers: readonly string[];
  /** One product row, inside a container (matched with `closest()` from a changed node too). */
  row: string;
  /** The header's title cells, in column order: their titles map columns to metrics, never their position. */
  headerCells?: string;
  /** Inside a cell: the element holding its value (the cell itself when absent or not found). */
  cellValue?: string;
  /** Inside a row: where its product id is shown ("ID: 1729…") or held (a product link). */
  id?: string;
  /** Inside a row: the product's name. */
  name?: string;
}

export interface EndedHints {
  /** Elements whose (visible) presence means the live has ended, e.g. an end-of-live modal. */
  selectors?: readonly string[];
  /** Extra texts (normalised) that mean the live has ended. */
  texts?: readonly string[];
  /** Pages the platform redirects a room to once its live ended (match patterns). */
  urls?: readonly string[];
}

export interface SiteAdapter {
  id: string;
  /** Match patterns, as in a manifest: `https://host/path*`. */
  urlPatterns: readonly string[];
  roomKey(url: URL): string;
  /** Containers that narrow where metric labels are looked for (the first one found is used). */
  metricRoots?: readonly string[];
  /** Containers never read for metrics: product list, comment feed, charts. */
  excludeRoots?: readonly string[];
  product?: ProductHints;
  /** The per-product list, tried before the generic table finder. */
  productTables?: readonly ProductTableHints[];
  ended?: EndedHints;
}

export interface RoomReading {
  metrics: MetricValues;
  capped: MetricId[];
  health: ReaderHealth;
  product: Product | null;
  ended: boolean;
  title?: string;
  /** Some value is still moving (an animation): read again shortly for its settled value. Never sent. */
  settling?: boolean;
  /** The first look at the page is not finished (it goes in slices): read again at once. Never sent. */
  looking?: boolean;
}
