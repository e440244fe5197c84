import type { Cue } from '../core/engine/types';
import type { ProductRanking } from '../core/products/rankProducts';
import type { SampleRow } from './rows';

// What the worker pushes to open side panels over a runtime port (DESIGN.md §6: a cue reaches the panel
// pushed, not after a database round trip). The rows are the store's own, sent as they are queued for
// writing; the database stays the record, read by liveQuery for history and after a reconnect.

export const PANEL_PORT_NAME = 'livecue-panel';

export type LivePush =
  /** The newest sample a step queued for a session (current values and reader health). */
  | { type: 'sample'; row: SampleRow }
  /** A session's cues waiting for the operator (active and snoozed) after a step changed its cues. */
  | { type: 'cues'; sessionId: string; open: Cue[] }
  /**
   * A session's product list ranked from the engine's own book with each stored sample (null: the room shows
   * none): a panel opened late in a long evening shows it at once instead of folding every stored row.
   */
  | { type: 'products'; sessionId: string; ranking: ProductRanking | null }
  /**
   * The worker holds a session with a product list but has not folded it yet (restarted late in a long
   * evening, it is reading the session's rows): its list follows once it has. A panel waits for it rather
   * than read and fold the same rows itself, which slowed the worker's read and froze the panel for seconds.
   */
  | { type: 'productsReading'; sessionId: string };

/**
 * Reads a port message as a push, or null. Only the worker talks on this port; the check keeps a message
 * from another version of the extension (a reload) from being taken for something else.
 */
export function readLivePush(message: unknown): LivePush | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.type === 'sample') {
    const row = m.row as Record<string, unknown> | null;
    return row && typeof row.sessionId === 'string' && typeof row.ts === 'number' && row.metrics && row.health
      ? (message as LivePush)
      : null;
  }
  if (m.type === 'cues')
    return typeof m.sessionId === 'string' && Array.isArray(m.open) ? (message as LivePush) : null;
  if (m.type === 'products') {
    const ranking = m.ranking as Record<string, unknown> | null | undefined;
    return typeof m.sessionId === 'string' && (ranking === null || (ranking && Array.isArray(ranking.next)))
      ? (message as LivePush)
      : null;
  }
  if (m.type === 'productsReading') return typeof m.sessionId === 'string' ? (message as LivePush) : null;
  return null;
}
