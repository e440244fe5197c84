import type { MetricValues, Product, ReaderHealth } from '../../core/messages/sample';
import { stillLabelled } from '../../core/metrics/labelIndex';
import { METRIC_IDS, type MetricId } from '../../core/metrics/metricCatalog';
import type { ParsedMetric } from '../../core/metrics/parseMetricText';
import { detectEnded } from './endedDetector';
import { locateMetrics, type MetricLocation, parseAt } from './locateMetrics';
import { queryOne } from './pageText';
import { locateProduct, type ProductSpot, readProduct, spotStillActive } from './productReader';
import type { RoomReading, SiteAdapter } from './siteAdapter';

export type { RoomReading } from './siteAdapter';

// The generic room reader: locate every metric once (slow: a walk of the page), then read the cached
// elements on each call (fast: a textContent and a parse per metric). It re-locates a metric as soon as
// its element is detached, relabelled or stops parsing, and looks for missing ones every couple of seconds.

export interface RoomReader {
  read(): RoomReading;
  /** The node whose subtree holds every metric found: what the sampler observes. */
  metricArea(): Node;
  /** Forget every cached element (after SPA navigation, say); the next read walks the page again. */
  relocate(): void;
}

export interface RoomReaderOptions {
  /** Look again for missing metrics, the explained product and the end of the live at most every N reads… */
  rescanEvery?: number;
  /** …and at most every this many ms (a walk of a big dashboard costs milliseconds; a cached read, microseconds). */
  rescanMs?: number;
  /** Monotonic ms for `rescanMs`; performance.now() by default. */
  now?: () => number;
}

interface Slot {
  location: MetricLocation;
  lastText: string | null;
  lastParsed: ParsedMetric | null;
  /** Text that already failed once and was re-located to the same place: don't walk the page for it again. */
  settledFailure: string | null;
}

const RAW_LIMIT = 200;
const TITLE_LIMIT = 300;

function valid(slot: Slot): boolean {
  const { source, label, labelText, match } = slot.location;
  if (!source.isConnected) return false;
  if (!label) return true;
  if (!label.isConnected) return false;
  return label.data === labelText || (match !== null && stillLabelled(label.data, match));
}

function commonAncestor(a: Node, b: Node): Node {
  for (let n: Node | null = a; n; n = n.parentNode) if (n.contains(b)) return n;
  return b;
}

export function createRoomReader(
  root: ParentNode,
  adapter: SiteAdapter,
  bindings: Partial<Record<MetricId, string>> = {},
  options: RoomReaderOptions = {},
): RoomReader {
  const rescanEvery = Math.max(1, options.rescanEvery ?? 1);
  const rescanMs = options.rescanMs ?? 2000;
  const now = options.now ?? (() => performance.now());
  let lastScanAt = -Infinity;
  let readsSinceScan = 0;
  const slots = new Map<MetricId, Slot>();
  let productSpot: ProductSpot | null = null;
  let productText: string | null = null;
  let product: Product | null = null;
  let ended = false;
  let area: Node = root as Node;

  const scan = (wanted: Set<MetricId>) => {
    lastScanAt = now();
    readsSinceScan = 0;
    if (wanted.size > 0) {
      for (const [metric, location] of locateMetrics(root, adapter, wanted, bindings)) {
        const previous = slots.get(metric);
        const same = previous?.location.source === location.source;
        slots.set(metric, {
          location,
          lastText: null,
          lastParsed: null,
          settledFailure: same ? (previous?.lastText ?? null) : null,
        });
      }
      area = computeArea();
    }
    if (!productSpot || !spotStillActive(productSpot, adapter.product)) {
      productSpot = locateProduct(root, adapter.product);
      productText = null;
    }
    if (!ended) ended = detectEnded(root, adapter.ended);
  };

  const computeArea = (): Node => {
    const hinted = adapter.metricRoots?.map((s) => queryOne(root, s)).find((el) => el);
    if (hinted) return hinted;
    let common: Node | null = null;
    for (const { location } of slots.values()) {
      for (const node of [location.source, location.label]) {
        if (node) common = common ? commonAncestor(common, node) : node;
      }
    }
    // One level up, so the observer survives the metric container itself being re-rendered.
    return common?.parentNode ?? (root as Node);
  };

  const readSlot = (slot: Slot): ParsedMetric => {
    const text = slot.location.source.textContent ?? '';
    if (text !== slot.lastText || !slot.lastParsed) {
      slot.lastText = text;
      slot.lastParsed = parseAt(text, slot.location.metric, slot.location.match);
    }
    return slot.lastParsed;
  };

  const readProductNow = (): Product | null => {
    if (!productSpot) return null;
    if (!spotStillActive(productSpot, adapter.product)) {
      productSpot = null;
      return null;
    }
    const text = productSpot.item.textContent ?? '';
    if (text !== productText) {
      productText = text;
      product = readProduct(productSpot.item, adapter.product);
    }
    return product;
  };

  const read = (): RoomReading => {
    readsSinceScan++;
    const stale = new Set<MetricId>();
    for (const [metric, slot] of slots) {
      if (!valid(slot)) {
        slots.delete(metric);
        stale.add(metric);
        continue;
      }
      const parsed = readSlot(slot);
      if (
        !parsed.ok &&
        parsed.reason !== 'dash' &&
        parsed.reason !== 'empty' &&
        slot.lastText !== slot.settledFailure
      ) {
        stale.add(metric);
      }
    }
    const productLost = productSpot !== null && !spotStillActive(productSpot, adapter.product);
    if (stale.size > 0 || productLost || (readsSinceScan >= rescanEvery && now() - lastScanAt >= rescanMs)) {
      // Look for the stale metrics and every missing one.
      for (const id of METRIC_IDS) if (!slots.has(id)) stale.add(id);
      scan(stale);
    }

    const metrics: MetricValues = {};
    const capped: MetricId[] = [];
    const health: ReaderHealth = { parsed: [], failed: [], missing: [] };
    for (const id of METRIC_IDS) {
      const slot = slots.get(id);
      if (!slot) {
        health.missing.push(id);
        continue;
      }
      const parsed = readSlot(slot);
      if (parsed.ok) {
        metrics[id] = parsed.value;
        health.parsed.push(id);
        if (parsed.capped) capped.push(id);
      } else {
        metrics[id] = null;
        health.failed.push({ metric: id, raw: parsed.raw.trim().slice(0, RAW_LIMIT), reason: parsed.reason });
      }
    }
    const reading: RoomReading = { metrics, capped, health, product: readProductNow(), ended };
    const title = ((root as Node).ownerDocument ?? (root as Document)).title?.trim();
    if (title) reading.title = title.slice(0, TITLE_LIMIT);
    return reading;
  };

  return {
    read,
    metricArea: () => area,
    relocate() {
      slots.clear();
      productSpot = null;
      lastScanAt = -Infinity;
    },
  };
}
