import type { Cue } from '../../core/engine/types';
import { type ProductRanking, type RankedProduct, rankProducts } from '../../core/products/rankProducts';
import type { FoldedProducts } from './productFeed';

// What the panel's product list shows: the folded book ranked at the session's time, with the room's
// traffic trend taken from the room-level cues waiting now (a drop wants a deal item, a surge the best
// seller), and the product a cue names, for streamer mode.

/** How the room's traffic moves, as its open cues say. */
export function roomTrendOf(openCues: readonly Cue[]): 'falling' | 'rising' | 'steady' {
  if (openCues.some((cue) => cue.ruleId === 'traffic-drop')) return 'falling';
  if (openCues.some((cue) => cue.ruleId === 'traffic-surge')) return 'rising';
  return 'steady';
}

/** The ranked list, or null while the room shows no product list. */
export function panelRanking(
  folded: FoldedProducts | null,
  now: number,
  openCues: readonly Cue[],
): ProductRanking | null {
  if (!folded || folded.book.products.length === 0) return null;
  return rankProducts(folded.book, now, { roomTrend: roomTrendOf(openCues) });
}

/** The product a cue is about: by the id its params carry, else by its name. */
export function productOfCue(
  cue: Cue | null | undefined,
  ranking: ProductRanking | null,
): RankedProduct | null {
  if (!cue || !ranking) return null;
  const id = typeof cue.params.productId === 'string' ? cue.params.productId : undefined;
  const name = typeof cue.params.product === 'string' ? cue.params.product : undefined;
  const all = ranking.pinned ? [ranking.pinned, ...ranking.next] : ranking.next;
  if (id !== undefined) return all.find((product) => product.id === id) ?? null;
  if (name) return all.find((product) => product.name === name) ?? null;
  return null;
}
