import type { ProductBook } from './productBook';
import { type ProductRanking, rankProducts } from './rankProducts';

// The room's product list ranked as the side panel shows it, with the room's traffic trend taken from the
// room-level cues waiting now (a drop wants a deal item, a surge the best seller). The worker ranks its
// engine's own book and pushes the list to open panels; a panel without the push ranks a book it folds from
// the stored rows. Both call this, so the two lists agree.

/** A waiting cue, as far as the ranking reads one (the engine's Cue sits above this folder). */
interface OpenCue {
  ruleId: string;
}

/** How the room's traffic moves, as its open cues say. */
export function roomTrendOf(openCues: readonly OpenCue[]): 'falling' | 'rising' | 'steady' {
  if (openCues.some((cue) => cue.ruleId === 'traffic-drop')) return 'falling';
  if (openCues.some((cue) => cue.ruleId === 'traffic-surge')) return 'rising';
  return 'steady';
}

/** The ranked list at `now`, or null while the room shows no product list. */
export function rankRoomProducts(
  book: ProductBook,
  now: number,
  openCues: readonly OpenCue[],
): ProductRanking | null {
  if (book.products.length === 0) return null;
  return rankProducts(book, now, { roomTrend: roomTrendOf(openCues) });
}
