import type { RoomComment } from '../../core/comments/roomComment';
import { byDocumentOrder } from '../sites/documentOrder';
import { queryOne } from '../sites/pageText';
import { COMMENT_SITES, type CommentSiteHints } from './commentSites';
import { type CommentListSpot, locateCommentList } from './locateCommentList';
import { type CommentRowParts, readCommentRow } from './readCommentRow';
import { createRowLedger, type ListEnd, type RowRead, rowKey } from './rowLedger';

// Reads a room's comment stream incrementally: finds the comment list once (site hints, else any feed of
// name + text rows), observes only that list, reads only the rows a mutation added or changed, keeps only the
// rows that are new comments (RowLedger), stamps each with the time it was first seen and hands them over in
// batches. The cost rules of the metric reader hold: no whole-page walk on a mutation (the page is searched
// only on start and on a slow timer while no list is found), a few DOM reads per new row.

export interface CommentReaderOptions {
  /** The time a comment is stamped with (epoch ms): the sample clock, so both streams share a timeline. */
  now?: () => number;
  /** Comments are handed over at most this often… */
  flushMs?: number;
  /** …unless this many are waiting. */
  maxBatch?: number;
  /** How often to look for a list not found yet (or gone) and for a "new messages" button. */
  checkMs?: number;
  /** Click the site's "new messages" button when comments wait behind it and nobody is using the list. */
  clickNewMessages?: boolean;
  /** Overrides the site's hints (tests, an operator's own binding). */
  hints?: CommentSiteHints;
  /** A read that threw; reading goes on with the next mutation. */
  onError?: (error: unknown) => void;
  /** Hears of each list found (on start, or later): the metric reader leaves the rows added to it alone. */
  onList?: (list: Element) => void;
}

export interface CommentReaderStatus {
  /** A comment list was found on the page. */
  found: boolean;
  /** Rows it shows now. */
  rows: number;
  /** New comments handed over since start. */
  read: number;
  /** New comments wait behind the site's "new messages" button. */
  waiting: boolean;
}

export interface CommentReader {
  status(): CommentReaderStatus;
  /** Hands over what is waiting now. */
  flush(): void;
  /** Stops observing; what is waiting is handed over first. */
  stop(): void;
}

interface Read extends RowRead {
  parts: CommentRowParts | null;
}

/** A person using the list (scrolling, clicking) is left alone this long before the reader clicks for them. */
const IDLE_BEFORE_CLICK_MS = 10_000;
/**
 * The "new messages" button is looked for in the list's block (this many levels up) on every check, over the
 * whole page only on every WHOLE_PAGE_EVERY-th: its selector matches classes by prefix, which no native fast path
 * serves; asked of every element of the 30k-element bench page every 2 s it was ~4 ms a time here, ~10 % of the
 * content script's time there (whose list sits right under the page's top, so its block is the page anyway).
 */
const BLOCK_LEVELS = 3;
const WHOLE_PAGE_EVERY = 15;
const INTERACTIONS = ['wheel', 'pointerdown', 'touchstart', 'keydown'] as const;

/** The nearest element from `node` on (whitespace text between rows is not a row). */
function elementAt(node: Node | null, step: 'previousSibling' | 'nextSibling'): Element | null {
  let n = node;
  while (n && n.nodeType !== 1) n = n[step];
  return n as Element | null;
}

const isShown = (el: Element) => {
  const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
  return typeof check === 'function' ? check.call(el) : true;
};

/**
 * Starts reading the comment list under `root` for the site adapter `siteId` (`COMMENT_SITES`; any other id
 * uses the generic reader). `onBatch` gets each batch of new comments, oldest first.
 */
export function startCommentReader(
  root: ParentNode,
  siteId: string,
  onBatch: (comments: RoomComment[]) => void,
  options: CommentReaderOptions = {},
): CommentReader {
  const hints = options.hints ?? COMMENT_SITES[siteId] ?? {};
  const now = options.now ?? Date.now;
  const flushMs = options.flushMs ?? 500;
  const maxBatch = options.maxBatch ?? 100;
  const clickNewMessages = options.clickNewMessages ?? true;
  let spot: CommentListSpot | null = null;
  let ledger = createRowLedger();
  let pending: RoomComment[] = [];
  let lastFlush = Number.NEGATIVE_INFINITY;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  let lastInteraction = Number.NEGATIVE_INFINITY;
  let read = 0;
  let waiting = false;
  let stopped = false;

  const isRow = (node: Node): node is Element =>
    node.nodeType === 1 &&
    node.parentNode === spot?.list &&
    (!spot.row || (node as Element).matches(spot.row));

  const readRow = (row: Element): Read => {
    const parts = readCommentRow(row, hints);
    return { row, parts, key: rowKey(row), signature: parts ? `${parts.user}\u0001${parts.text}` : null };
  };

  const rowOf = (node: Node | null): Element | null => {
    let n = node;
    while (n && n.parentNode !== spot?.list) n = n.parentNode;
    return n && isRow(n) ? n : null;
  };

  /** The end of the list a row sits at (a lone row is at neither). */
  const placeOf = (row: Element): ListEnd => {
    const first = !row.previousElementSibling;
    const last = !row.nextElementSibling;
    return first === last ? 'middle' : first ? 'top' : 'bottom';
  };

  /** Where a row sits among the rows the list held before this batch; null when none of them is left. */
  const landsAt = (row: Element, fresh: ReadonlySet<Element>): ListEnd | null => {
    const oldRow = (el: Element | null, step: 'nextElementSibling' | 'previousElementSibling') => {
      for (let e = el; e; e = e[step]) if (isRow(e) && !fresh.has(e)) return true;
      return false;
    };
    const below = oldRow(row.nextElementSibling, 'nextElementSibling');
    const above = oldRow(row.previousElementSibling, 'previousElementSibling');
    if (!below && !above) return null;
    return !below ? 'bottom' : !above ? 'top' : 'middle';
  };

  const onMutations = (records: MutationRecord[]) => {
    if (stopped || !spot) return;
    try {
      const removed: { row: Element; end: ListEnd }[] = [];
      const touched = new Set<Element>();
      for (const record of records) {
        if (record.type === 'childList' && record.target === spot.list) {
          const before = elementAt(record.previousSibling, 'previousSibling');
          const after = elementAt(record.nextSibling, 'nextSibling');
          // Removed from one end, or from the middle; all of it at once is no end at all (a re-render).
          const end: ListEnd = before && !after ? 'bottom' : after && !before ? 'top' : 'middle';
          for (const node of record.removedNodes)
            if (node.nodeType === 1) removed.push({ row: node as Element, end });
          for (const node of record.addedNodes) if (isRow(node)) touched.add(node);
        } else {
          const row = rowOf(record.target);
          if (row) touched.add(row);
        }
      }
      const news = ledger.apply(removed, [...touched].map(readRow), placeOf, landsAt);
      if (news.length === 0) return;
      news.sort((a, b) => byDocumentOrder(a.row, b.row));
      if (ledger.newest === 'top') news.reverse();
      const ts = now();
      for (const { parts } of news) pending.push({ user: parts!.user, text: parts!.text, ts });
      read += news.length;
      schedule();
    } catch (error) {
      options.onError?.(error);
    }
  };
  const observer = new MutationObserver(onMutations);

  const markInteraction = () => {
    lastInteraction = Date.now();
  };

  /** Reads from the list found (or searched for now): its rows so far are the baseline, what comes later is new. */
  const attach = (found = locateCommentList(root, hints)) => {
    observer.disconnect();
    for (const type of INTERACTIONS) spot?.list.removeEventListener(type, markInteraction, true);
    spot = found;
    if (!spot) return;
    options.onList?.(spot.list);
    ledger = createRowLedger(ledger.newest);
    ledger.baseline([...spot.list.children].filter(isRow).map(readRow));
    observer.observe(spot.list, { childList: true, subtree: true, characterData: true });
    for (const type of INTERACTIONS)
      spot.list.addEventListener(type, markInteraction, { capture: true, passive: true });
  };

  const flush = () => {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    lastFlush = Date.now();
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    onBatch(batch);
  };

  // Leading edge: a first comment goes at once; a burst goes at most every flushMs (or every maxBatch).
  function schedule() {
    const since = Date.now() - lastFlush;
    if (pending.length >= maxBatch || since >= flushMs) flush();
    else flushTimer ??= setTimeout(flush, flushMs - since);
  }

  let checks = 0;
  /** A button the whole page's look found away from the list, kept while it is on the page. */
  let farButton: Element | null = null;
  /** The site's "new messages" button: near the list, else (now and then) anywhere on the page. */
  const newMessagesButton = (selector: string): Element | null => {
    let block: Element | null = spot?.list ?? null;
    for (let i = 0; i < BLOCK_LEVELS && block?.parentElement; i++) block = block.parentElement;
    // A list right under the page's top (a shallow page): its block is the page.
    const top = block?.ownerDocument;
    if (!block || block === top?.documentElement || block === top?.body) return queryOne(root, selector);
    const near = queryOne(block, selector);
    if (near) return near;
    if (checks++ % WHOLE_PAGE_EVERY === 0) farButton = queryOne(root, selector);
    else if (farButton && !(farButton.isConnected && farButton.matches(selector))) farButton = null;
    return farButton;
  };

  // A page that shows no comment list (a data screen) is searched less and less often, down to every 30 s.
  let searchIn = 0;
  let searchEvery = 1;
  const check = () => {
    if (!spot?.list.isConnected || (spot.list.childElementCount === 0 && !spot.row)) {
      if (--searchIn <= 0) {
        const had = spot?.list;
        const found = locateCommentList(root, hints);
        if (found?.list !== had) attach(found);
        searchEvery = spot?.list.childElementCount ? 1 : Math.min(searchEvery * 2, 15);
        searchIn = searchEvery;
      }
    } else searchEvery = 1;
    const button = hints.newMessages ? newMessagesButton(hints.newMessages) : null;
    waiting = button !== null && isShown(button);
    if (waiting && clickNewMessages && Date.now() - lastInteraction > IDLE_BEFORE_CLICK_MS) {
      (button as HTMLElement).click?.();
    }
  };

  attach();
  const checkTimer = setInterval(check, options.checkMs ?? 2000);

  return {
    status: () => ({
      found: spot !== null,
      rows: spot ? [...spot.list.children].filter(isRow).length : 0,
      read,
      waiting,
    }),
    flush,
    stop() {
      if (stopped) return;
      onMutations(observer.takeRecords());
      stopped = true;
      observer.disconnect();
      clearInterval(checkTimer);
      for (const type of INTERACTIONS) spot?.list.removeEventListener(type, markInteraction, true);
      flush();
    },
  };
}
