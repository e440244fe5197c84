import { byDocumentOrder } from '../sites/documentOrder';
import { queryAll } from '../sites/pageText';
import type { CommentSiteHints } from './commentSites';
import { readCommentRow } from './readCommentRow';

// Finds the element whose children are a room's comment rows. A site's hints are tried first (its row
// selector, its list containers, inside its shadow hosts); then any scrolling list that looks like a comment
// feed: a log / feed role or a class or id naming comments, chat, messages or danmu, whose repeated children
// read as comments. Run on start and on a slow timer while nothing is found, never on a mutation: its
// queries cost a few milliseconds on a big page.

export interface CommentListSpot {
  /** The element whose element children are the comment rows. */
  list: Element;
  /** The row selector from the site's hints, when it has one. */
  row?: string;
}

const FEED =
  '[role="log"],[role="feed"],[aria-live="polite"],[class*="comment" i],[id*="comment" i],[class*="chat" i],' +
  '[id*="chat" i],[class*="message" i],[class*="danmu" i],[class*="barrage" i],[class*="评论"]';
/** Where a feed's rows may sit below the element that names it. */
const MAX_DEPTH = 4;
const MAX_CANDIDATES = 60;
const SAMPLE_ROWS = 8;
/** Row reads one search may spend: a huge page full of "message" classes costs a bounded few milliseconds. */
const ROW_READS = 600;

/** `root` and the open shadow roots of the hinted hosts in it. */
function searchRoots(root: ParentNode, hints: CommentSiteHints): ParentNode[] {
  const roots: ParentNode[] = [root];
  for (const selector of hints.shadowHosts ?? []) {
    for (const host of queryAll(root, selector)) if (host.shadowRoot) roots.push(host.shadowRoot);
  }
  return roots;
}

/** How many of `el`'s children (a sample) read as comments with a name; rows without names count half. */
function rowScore(el: Element, hints: CommentSiteHints, budget: { reads: number }): number {
  const children = el.children;
  if (children.length < 2 || budget.reads <= 0) return 0;
  let named = 0;
  let plain = 0;
  const step = Math.max(1, Math.floor(children.length / SAMPLE_ROWS));
  let sampled = 0;
  for (let i = children.length - 1; i >= 0 && sampled < SAMPLE_ROWS; i -= step, sampled++) {
    budget.reads--;
    const parts = readCommentRow(children[i]!, hints);
    if (parts?.user) named++;
    else if (parts) plain++;
  }
  const share = (named + plain / 2) / sampled;
  return share >= 0.5 ? (named + plain / 2) * (children.length / sampled) : 0;
}

/** One search's row scores, by element: candidates nest (a feed's rows name comments too), each is scored once. */
interface Scoring {
  hints: CommentSiteHints;
  budget: { reads: number };
  scores: Map<Element, number>;
}

function scoreOf(el: Element, scoring: Scoring): number {
  let score = scoring.scores.get(el);
  if (score === undefined) {
    score = rowScore(el, scoring.hints, scoring.budget);
    scoring.scores.set(el, score);
  }
  return score;
}

/**
 * The descendant (or `root` itself) whose children read most like comment rows, when it scores above `floor`
 * (the best feed found so far); else `root` with the floor. A score never exceeds the element's number of
 * children (the rows' share times the rows), so an element with no more children than the score to beat is
 * left unread: on a long feed its rows (a name, a text, badges) are never scored as row parents themselves.
 */
function bestRowParent(
  root: Element,
  scoring: Scoring,
  floor = Number.NEGATIVE_INFINITY,
): { el: Element; score: number } {
  let best = { el: root, score: floor };
  const consider = (el: Element) => {
    if (el.childElementCount <= best.score) return;
    const score = scoreOf(el, scoring);
    if (score > best.score) best = { el, score };
  };
  consider(root);
  let level: Element[] = [root];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: Element[] = [];
    for (const el of level) {
      for (const child of el.children) {
        if (child.childElementCount === 0) continue;
        consider(child);
        next.push(child);
      }
    }
    level = next.length > 200 ? next.slice(0, 200) : next;
  }
  return best;
}

const LISTY = /list|feed|items|content|scroll|wrap|container|box|panel/i;
/**
 * A list this long is found where its rows sit: its LONG_LIST-th child matches `:nth-child`, a native query
 * that costs a fraction of a millisecond on 30k elements, where the feed selector's substring tests cost
 * ~10 ms. A score never exceeds the list's number of children, so a feed found this way scoring LONG_LIST or
 * more beats every shorter one: the page-wide feed query is left for pages whose comment list is short or
 * absent (a fresh room).
 */
const LONG_LIST = 8;
const LONG_LIST_ROW = `:nth-child(${LONG_LIST})`;

/**
 * The elements of `root` matching the feed selector that hold a long list within MAX_DEPTH levels at or below
 * them (where bestRowParent looks for rows), in document order.
 */
function feedsOverLongLists(root: ParentNode): Element[] {
  const feeds = new Set<Element>();
  /** How many more levels up each element was already looked from. */
  const reach = new Map<Element, number>();
  const rows = root.querySelectorAll(LONG_LIST_ROW);
  for (let i = 0; i < rows.length; i++) {
    let el = rows[i]!.parentElement;
    for (let left = MAX_DEPTH; el && el !== root && left >= 0; left--, el = el.parentElement) {
      if ((reach.get(el) ?? -1) >= left) break;
      reach.set(el, left);
      if (el.matches(FEED)) feeds.add(el);
    }
  }
  return [...feeds].sort(byDocumentOrder);
}

/** The best feed among `candidates` (the first ones), scoring two rows or more; `emptyFeed` notes a feed still empty. */
function bestFeed(
  candidates: ArrayLike<Element>,
  scoring: Scoring,
  best: { el: Element; score: number } | null,
  empty?: { feed: Element | null },
): { el: Element; score: number } | null {
  for (let i = 0; i < Math.min(candidates.length, MAX_CANDIDATES); i++) {
    const candidate = candidates[i]!;
    const found = bestRowParent(candidate, scoring, best?.score);
    if (found.score >= 2 && (!best || found.score > best.score)) best = found;
    // A feed with no rows yet (a fresh room): the innermost list-like one, until rows appear.
    if (
      empty &&
      !best &&
      candidate.childElementCount <= 1 &&
      (candidate.tagName === 'UL' ||
        candidate.tagName === 'OL' ||
        LISTY.test(candidate.className) ||
        candidate.getAttribute('role'))
    ) {
      if (!empty.feed || empty.feed.contains(candidate)) empty.feed = candidate;
    }
  }
  return best;
}

/** The comment list in `root`, or null when the page shows none (yet). */
export function locateCommentList(root: ParentNode, hints: CommentSiteHints = {}): CommentListSpot | null {
  const roots = searchRoots(root, hints);
  const scoring: Scoring = { hints, budget: { reads: ROW_READS }, scores: new Map() };
  if (hints.row) {
    for (const r of roots) {
      const row = queryAll(r, hints.row).find((el) => el.parentElement);
      if (row) return { list: row.parentElement!, row: hints.row };
    }
  }
  for (const selector of hints.lists ?? []) {
    for (const r of roots) {
      const found = queryAll(r, selector)[0];
      if (found) return { list: bestRowParent(found, scoring).el, row: hints.row };
    }
  }
  // No hint matched: the best comment-like feed anywhere, first among the long lists.
  let best: { el: Element; score: number } | null = null;
  for (const r of roots) best = bestFeed(feedsOverLongLists(r), scoring, best);
  if (best && best.score >= LONG_LIST) return { list: best.el };
  // A short feed, or none yet: every element the feed selector matches (only the first are looked at).
  best = null;
  const fresh: Scoring = { hints, budget: { reads: ROW_READS }, scores: new Map() };
  const empty = { feed: null as Element | null };
  for (const r of roots) best = bestFeed(r.querySelectorAll(FEED), fresh, best, empty);
  if (best) return { list: best.el };
  return empty.feed ? { list: empty.feed } : null;
}
