import type { Cue } from '../../core/engine/types';
import type { ProductFunnel, ProductRanking, RankedProduct } from '../../core/products/rankProducts';
import { rankRoomProducts } from '../../core/products/roomRanking';
import type { FoldedProducts } from './productFeed';

// What the panel's product list shows: the ranked list (the worker's push, else the book the panel folds
// from the stored rows, ranked the same way: roomRanking.ts), and the product a cue names, for streamer mode.

/** The ranked list of a book folded here, or null while the room shows no product list. */
export function panelRanking(
  folded: FoldedProducts | null,
  now: number,
  openCues: readonly Cue[],
): ProductRanking | null {
  return folded ? rankRoomProducts(folded.book, now, openCues) : null;
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

const FUNNEL_FIELDS: readonly (keyof ProductFunnel)[] = [
  'impressions',
  'clicks',
  'carts',
  'sold',
  'ctr',
  'clickToCart',
  'cartToSold',
  'clickToSold',
];

/**
 * Whether a product's line in the ranked list reads the same for both: what ProductLine shows (rank, name,
 * price, stock, funnel, time explained, reason) and nothing else (its score and rates move every second
 * and are not shown). The list is ranked again on every sample: a line whose text did not change keeps its
 * render, so a sample re-draws the few lines it moved, not thirty.
 */
export function sameProductLine(a: RankedProduct, b: RankedProduct): boolean {
  if (a === b) return true;
  if (
    a.id !== b.id ||
    a.name !== b.name ||
    a.price !== b.price ||
    a.rank !== b.rank ||
    a.pinned !== b.pinned ||
    a.soldOut !== b.soldOut ||
    a.stock !== b.stock ||
    a.explainedSec !== b.explainedSec ||
    a.explainCount !== b.explainCount ||
    a.reason.key !== b.reason.key
  )
    return false;
  for (const field of FUNNEL_FIELDS) if (a.funnel[field] !== b.funnel[field]) return false;
  const aParams = Object.keys(a.reason.params);
  if (aParams.length !== Object.keys(b.reason.params).length) return false;
  return aParams.every((key) => a.reason.params[key] === b.reason.params[key]);
}
