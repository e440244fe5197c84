import type { ProductMetricId } from '../../core/products/productContract';
import { MAX_PAGE_JSON_CHARS, PAGE_JSON_HELLO, pageJsonPathOf } from './pageJsonPaths';
import { type JsonProductRow, parsePageJson } from './pageJsonShapes';

// The isolated world's end of the page-data channel: what the main-world tap (pageJsonTap.ts) passes on is
// page data, so every message is checked here — its path must be one we watch (the shape is chosen from the
// path, never from what the message says), its body is parsed by the shape readers, and anything else is
// dropped. Responses whose shape is not understood are kept by path for health.

export interface JsonValue {
  row: JsonProductRow;
  /** When the response arrived (monotonic ms). */
  at: number;
}

export interface PageJsonFeed {
  /** Hands in one message from the channel; true when it changed what is known. */
  accept(message: unknown): boolean;
  rows(): ReadonlyMap<string, JsonValue>;
  /** Ids whose JSON values changed since the last call. */
  takeChanged(): Set<string>;
  /** The pinned product the page's JSON last said, with when; undefined when it never said. */
  pinned(): { id: string | null; at: number } | undefined;
  /** Paths of watched responses whose shape was not understood (clipped, newest last). */
  unknownShapes(): readonly string[];
}

const MAX_UNKNOWN = 20;
const MAX_PATH = 120;

export function createPageJsonFeed(now: () => number = () => performance.now()): PageJsonFeed {
  const known = new Map<string, JsonValue>();
  const keys = new Map<string, string>();
  const changed = new Set<string>();
  let pinned: { id: string | null; at: number } | undefined;
  let unknown: string[] = [];

  return {
    accept(message) {
      const m = message as { path?: unknown; text?: unknown } | null;
      if (!m || typeof m.path !== 'string' || typeof m.text !== 'string') return false;
      if (m.path.length > 2000 || m.text.length > MAX_PAGE_JSON_CHARS) return false;
      const path = pageJsonPathOf(m.path);
      if (!path) return false;
      const result = parsePageJson(path.kind, m.text);
      if (!result.ok) {
        if (result.reason !== 'unknown-shape') return false;
        // By path alone: a poll's query (its time, its room) would make every response a new entry.
        const clipped = m.path.split('?')[0]!.slice(0, MAX_PATH);
        if (unknown.includes(clipped)) return false;
        unknown = [...unknown, clipped].slice(-MAX_UNKNOWN);
        return true;
      }
      const at = now();
      let any = false;
      for (const row of result.rows) {
        const key = JSON.stringify(row);
        known.set(row.id, { row, at });
        if (keys.get(row.id) === key) continue;
        keys.set(row.id, key);
        changed.add(row.id);
        any = true;
      }
      if (result.pinnedId !== undefined) {
        if (pinned?.id !== result.pinnedId) any = true;
        pinned = { id: result.pinnedId, at };
      }
      return any;
    },
    rows: () => known,
    takeChanged() {
      const out = new Set(changed);
      changed.clear();
      return out;
    },
    pinned: () => pinned,
    unknownShapes: () => unknown,
  };
}

/** The metrics a JSON row has a number for. */
export const jsonHas = (row: JsonProductRow, metric: ProductMetricId) =>
  typeof row.metrics[metric] === 'number';

/**
 * Opens the channel to the main-world tap: a MessageChannel whose port goes with a hello message; the tap
 * answers on that port only (its latest responses first). Returns a close function. A page without the tap
 * (the observer off, a site enabled at run time) never answers, and the DOM reader carries on alone.
 */
export function connectPageJson(win: Window, onMessage: (message: unknown) => void): () => void {
  let channel: MessageChannel;
  try {
    channel = new MessageChannel();
  } catch {
    return () => {};
  }
  channel.port1.onmessage = (event) => onMessage(event.data);
  win.postMessage({ type: PAGE_JSON_HELLO }, win.location.origin === 'null' ? '*' : win.location.origin, [
    channel.port2,
  ]);
  return () => channel.port1.close();
}
