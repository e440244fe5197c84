// Walking a page's visible text: the shared DOM plumbing of the label reader, the product reader and
// the end-of-live detector. Works on any ParentNode (a Document, an element, a shadow root, a parsed fixture).
//
// Cost matters here (a dashboard can hold 50k elements): every node a script touches gets a wrapper in the
// content script's world (~1–3 µs each the first time, 50–130 ms over a big page), so a walk that is told what
// it looks for (`hint`) asks each container for its whole text natively and goes down only into those that
// can hold it; excluded containers and skipped tags are left out as the walk meets them. Shadow roots and
// frames are found by rootDiscovery.ts.

const SHOW_TEXT = 0x4;

/** Never text a person reads as a dashboard value: code, inputs, drawings, menus, our own overlay. */
const SKIPPED =
  'script,style,noscript,template,textarea,input,select,option,svg,canvas,iframe,livecue-overlay';

/**
 * Containers whose text is never a metric, whatever the site: feeds, tooltips, menus, virtual lists, data grids
 * (a product or order list names GMV per row, not the room's), hidden parts.
 */
export const GENERIC_EXCLUDE =
  '[role="log"],[role="feed"],[role="tooltip"],[role="listbox"],[role="option"],[role="menu"],[role="menuitem"],[role="tab"],[role="grid"],[role="treegrid"],[data-virtuoso-scroller],[contenteditable="true"],[contenteditable=""],[aria-hidden="true"],[hidden],nav';

/** `querySelectorAll` that treats a bad selector (say, a stale operator binding) as matching nothing. */
export function queryAll(root: ParentNode, selector: string): Element[] {
  try {
    return [...root.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

export function queryOne(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/** `queryAll` over several roots (the document, its open shadow roots, its same-origin frames). */
export function queryAllIn(roots: readonly ParentNode[], selector: string): Element[] {
  return roots.flatMap((root) => queryAll(root, selector));
}

/** The containers a walk leaves out (feeds, menus, an adapter's goods list), by selector. */
export class Exclusion {
  private readonly withButtons: string;
  private readonly withoutButtons: string;
  /** Containers left out by who they are, not by a selector (the comment list the comment reader found). */
  private readonly elements: Element[] = [];
  constructor(readonly selector: string) {
    this.withoutButtons = selector ? `${SKIPPED},${selector}` : SKIPPED;
    this.withButtons = `${this.withoutButtons},button`;
  }

  /** `el` and all it holds are left out from now on. */
  leaveOut(el: Element): void {
    if (!this.elements.includes(el)) this.elements.push(el);
  }

  /** Whether `el` itself is one of the containers left out by leaveOut (a walk meeting it goes round it). */
  leavesOut(el: Element): boolean {
    return this.elements.length > 0 && this.elements.includes(el);
  }

  /** The selector of what the walk leaves out, skipped tags included. */
  selectorFor(skipButtons = true): string {
    return skipButtons ? this.withButtons : this.withoutButtons;
  }

  /** True when `el` is inside (or is) something the walk leaves out. */
  covers(el: Element, skipButtons = true): boolean {
    if (this.elements.some((left) => left.contains(el))) return true;
    try {
      return el.closest(skipButtons ? this.withButtons : this.withoutButtons) !== null;
    } catch {
      return el.closest(skipButtons ? `${SKIPPED},button` : SKIPPED) !== null;
    }
  }
}

export const NO_EXCLUSION = new Exclusion('');

/** The document of a same-origin frame, or null (cross-origin, not loaded, or not a frame). */
export function frameDocument(el: Element): Document | null {
  if (el.tagName !== 'IFRAME' && el.tagName !== 'FRAME') return null;
  try {
    return (el as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null;
  }
}

/**
 * What one synchronous read asks the page once and shares (see sharingTexts): containers' whole texts, computed
 * styles, and the text CSS draws before / after an element.
 */
interface ReadShare {
  texts: Map<Element, string>;
  styles: Map<Element, CSSStyleDeclaration | null>;
  drawn: Record<'::before' | '::after', Map<Element, string>>;
  views: Map<Node, string>;
}
let share: ReadShare | null = null;

/** `map`'s value for `el`, computed and kept the first time it is asked. */
function kept<K, V>(map: Map<K, V>, el: K, compute: () => V): V {
  let value = map.get(el);
  if (value === undefined) {
    value = compute();
    map.set(el, value);
  }
  return value;
}

/**
 * Runs `read` with one copy of each container's whole text shared by every hinted walk in it (labels, the end
 * of the live, the explained product, often over the same big containers), and one computed style, CSS-drawn
 * text and seen text per element shared by every look at a value (a card's value is viewed again at each wrapper the value
 * grows into). Only for work that runs in one task: the page cannot change while the read holds the thread, and
 * the copies go when it returns.
 */
export function sharingTexts<T>(read: () => T): T {
  if (share) return read();
  share = {
    texts: new Map(),
    styles: new Map(),
    drawn: { '::before': new Map(), '::after': new Map() },
    views: new Map(),
  };
  try {
    return read();
  } finally {
    share = null;
  }
}

/** `el.textContent`, from the read's shared copies when there are some. */
function textCopy(el: Element): string {
  const text = () => el.textContent ?? '';
  return share ? kept(share.texts, el, text) : text();
}

/** `compute(el)` (the element's computed style), asked once per shared read. */
export function sharedStyle(
  el: Element,
  compute: (el: Element) => CSSStyleDeclaration | null,
): CSSStyleDeclaration | null {
  return share ? kept(share.styles, el, () => compute(el)) : compute(el);
}

/** `compute(el, which)` (the text CSS draws there), asked once per shared read. */
export function sharedDrawnText(
  el: Element,
  which: '::before' | '::after',
  compute: (el: Element, which: '::before' | '::after') => string,
): string {
  return share ? kept(share.drawn[which], el, () => compute(el, which)) : compute(el, which);
}

/**
 * `compute(node)` (the text a person sees in it), asked once per shared read: placing a label tries a value's
 * text node, then each wrapper it grows into, and every digit of an odometer grows through the same wrappers.
 */
export function sharedView(node: Node, compute: (node: Node) => string): string {
  return share ? kept(share.views, node, () => compute(node)) : compute(node);
}

/** A walk that can pause: `step(deadline)` walks until done (true) or the clock passes the deadline (false). */
export interface TextWalk {
  step(deadline: number, now?: () => number): boolean;
}

/** How many texts between two looks at the clock. */
const CLOCK_EVERY = 512;
/** A paused walk whose place was taken off the page starts over (its visits repeat) at most this often. */
const MAX_RESTARTS = 3;
/**
 * A list: a container with this many element children. Its whole text is asked before going in, and so is each
 * of its items'; a narrow box on the way to one is walked into without asking (asking it would copy the same
 * text again at every level, and copying a big page's text costs milliseconds each time).
 */
const LIST_FROM = 8;
/**
 * A list this long, its rows all of one tag, is a list of records (a feed, a catalog, an order list), never a
 * grid of tiles. The label walk (`records: true`) first asks only its first RECORD_ROWS rows: when fewer than a
 * third of them can hold a label, a label in a later row sits in a list whose rows mostly carry none, which the
 * reader never takes for a tile (locateMetrics' inForeignList), so the list's whole text (~130k characters for
 * 7.5k rows, some ms to copy) is not asked. (Only a label in a repeated block nested deeper in a later row
 * would have been judged by that block instead.) Other walks (the explained product, the end of the live) ask
 * it whole.
 */
const RECORD_LIST_FROM = 1000;
const RECORD_ROWS = 40;

/**
 * Walks `root`'s own tree, calling `visit` for each non-blank text node that `accept` keeps (all, by default)
 * and that no excluded container or skipped tag holds. `skipButtons: false` keeps button text (the product
 * reader needs it). A root that is a frame or a shadow host is walked inside. The walk can be done in slices
 * (the reader's first look on a big page), so no slice is a long task.
 *
 * `hint`: a pattern that every text `accept` keeps must match. A container whose whole text (one native
 * `textContent`, no per-node wrapper) does not match it is left out unwalked: on a dashboard most of the
 * page is lists and cards with no label in them, and touching each of their text nodes from script is what
 * a walk costs.
 */
export function textWalk(
  root: ParentNode,
  exclusion: Exclusion,
  visit: (text: Text) => void,
  skipButtons = true,
  accept?: (data: string) => boolean,
  hint?: RegExp,
  records = false,
): TextWalk {
  const start = root as Node;
  const inner: TextWalk[] = [];
  let skip = false;
  if (start.nodeType === 1) {
    const el = start as Element;
    const frame = frameDocument(el);
    if (frame) return textWalk(frame, exclusion, visit, skipButtons, accept, hint, records);
    if (el.shadowRoot)
      inner.push(textWalk(el.shadowRoot, exclusion, visit, skipButtons, accept, hint, records));
    skip = exclusion.covers(el, skipButtons);
  }
  const doc = start.ownerDocument ?? (start as Document);
  if (!doc?.createTreeWalker) skip = true;
  const own = hint
    ? prunedWalk(start, exclusion, visit, skipButtons, accept, hint, records)
    : fullWalk(start, doc, exclusion, visit, skipButtons, accept);
  return {
    step(deadline, now = () => performance.now()) {
      for (const walk of inner) if (!walk.step(deadline, now)) return false;
      inner.length = 0;
      if (skip) return true;
      if (!own.step(deadline, now)) return false;
      skip = true;
      return true;
    },
  };
}

/** Every text node of `start`, by a TreeWalker of texts only: no per-element work at all. */
function fullWalk(
  start: Node,
  doc: Document,
  exclusion: Exclusion,
  visit: (text: Text) => void,
  skipButtons: boolean,
  accept?: (data: string) => boolean,
): TextWalk {
  let walker: TreeWalker | undefined;
  let restarts = 0;
  let checked: Element | null = null;
  let checkedOut = false;
  return {
    step(deadline, now = () => performance.now()) {
      if (!walker) walker = doc.createTreeWalker(start, SHOW_TEXT);
      else if (
        walker.currentNode !== start &&
        !start.contains(walker.currentNode) &&
        restarts++ < MAX_RESTARTS
      )
        walker = doc.createTreeWalker(start, SHOW_TEXT);
      let count = 0;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const data = node.data;
        if (++count % CLOCK_EVERY === 0 && now() > deadline) {
          walker.previousNode();
          return false;
        }
        if (accept ? !accept(data) : !data.trim()) continue;
        const parent = node.parentElement;
        if (!parent) continue;
        // Sibling texts share a parent: one closest() answers for all of them.
        if (parent !== checked) {
          checked = parent;
          checkedOut = exclusion.covers(parent, skipButtons);
        }
        if (!checkedOut && data.trim()) visit(node);
      }
      return true;
    },
  };
}

/**
 * The texts of `start` that can match `hint`: a container whose whole text does not is left out unwalked,
 * and what the walk leaves out (excluded containers, skipped tags) is left out as it meets it.
 */
function prunedWalk(
  start: Node,
  exclusion: Exclusion,
  visit: (text: Text) => void,
  skipButtons: boolean,
  accept: ((data: string) => boolean) | undefined,
  hint: RegExp,
  records: boolean,
): TextWalk {
  const leftOut = exclusion.selectorFor(skipButtons);
  const holds = (el: Element) => {
    const text = textCopy(el);
    hint.lastIndex = 0;
    return !!text && hint.test(text);
  };
  /**
   * A list of records, its rows all of one tag (asked natively: a row of another tag, a tile among them, is
   * a list of no kind), whose first rows mostly cannot hold what the walk looks for (see RECORD_LIST_FROM).
   */
  const recordsWithout = (el: Element) => {
    const tag = el.firstElementChild?.localName;
    if (!tag || /[^a-z0-9-]/.test(tag) || rowOfAnotherTag(el, tag)) return false;
    let rows = 0;
    let holding = 0;
    for (
      let row: Element | null = el.firstElementChild;
      row && rows < RECORD_ROWS;
      row = row.nextElementSibling
    ) {
      rows++;
      if (holds(row)) holding++;
    }
    return holding * 3 < rows;
  };
  // A leaf or a narrow box on the way costs less to walk than to ask for its whole text.
  const pruned = (el: Element) => {
    const children = el.childElementCount;
    if (children === 0) return false;
    if (children < LIST_FROM && (el.parentElement?.childElementCount ?? 0) < LIST_FROM) return false;
    if (records && children >= RECORD_LIST_FROM && recordsWithout(el)) return true;
    return !holds(el);
  };
  // Nodes still to walk, the next on top: children go on in reverse so the walk keeps document order.
  let stack: Node[] | undefined;
  let paused = false;
  const push = (parent: Node) => {
    const children = parent.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack!.push(children[i]!);
  };
  return {
    step(deadline, now = () => performance.now()) {
      if (!stack) {
        stack = [];
        if (start.nodeType !== 1 || !pruned(start as Element)) push(start);
      } else if (paused) {
        // What was taken off the page while the walk waited is no longer the page's.
        stack = stack.filter((n) => start.contains(n));
      }
      paused = false;
      let count = 0;
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.nodeType === 3) {
          if (++count % CLOCK_EVERY === 0 && now() > deadline) {
            stack.push(node);
            paused = true;
            return false;
          }
          const data = (node as Text).data;
          if (accept ? !accept(data) : !data.trim()) continue;
          if (data.trim() && node.parentElement) visit(node as Text);
          continue;
        }
        if (node.nodeType !== 1) continue;
        const el = node as Element;
        if (exclusion.leavesOut(el) || matchesSafely(el, leftOut, skipButtons) || pruned(el)) continue;
        push(el);
      }
      return true;
    },
  };
}

/** Whether some child of `el` is not a `tag` (asked of its children only; a browser without `:has()` says yes). */
function rowOfAnotherTag(el: Element, tag: string): boolean {
  try {
    return el.matches(`:has(> :not(${tag}))`);
  } catch {
    return true;
  }
}

/** `matches`, with a bad adapter selector leaving out only the skipped tags (as Exclusion.covers does). */
function matchesSafely(el: Element, selector: string, skipButtons: boolean): boolean {
  try {
    return el.matches(selector);
  } catch {
    return el.matches(skipButtons ? `${SKIPPED},button` : SKIPPED);
  }
}

/** textWalk in one go. */
export function walkText(
  root: ParentNode,
  exclusion: Exclusion,
  visit: (text: Text) => void,
  skipButtons = true,
  accept?: (data: string) => boolean,
  hint?: RegExp,
): void {
  textWalk(root, exclusion, visit, skipButtons, accept, hint).step(Number.POSITIVE_INFINITY);
}

/** Hidden by the page: `hidden`, `aria-hidden`, inline `display:none` / `visibility:hidden`, or not rendered. */
export function isHidden(el: Element): boolean {
  for (let a: Element | null = el; a; a = a.parentElement) {
    if (a.hasAttribute('hidden') || a.getAttribute('aria-hidden') === 'true') return true;
    const style = (a as HTMLElement).style;
    if (style && (style.display === 'none' || style.visibility === 'hidden')) return true;
  }
  try {
    const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
    return typeof check === 'function' ? !check.call(el, { visibilityProperty: true }) : false;
  } catch {
    return false;
  }
}

/**
 * Whether a person can see `el`: not hidden (isHidden) and not see-through (a tooltip kept in the page at
 * opacity 0 until hovered).
 */
export function isSeen(el: Element): boolean {
  if (isHidden(el)) return false;
  for (let a: Element | null = el; a; a = a.parentElement) {
    if ((a as HTMLElement).style?.opacity === '0') return false;
  }
  try {
    const check = (el as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
    return typeof check === 'function' ? check.call(el, { opacityProperty: true }) : true;
  } catch {
    return true;
  }
}

/**
 * The row of a repeated list `node` sits in (a comment, a product, a metric card): the nearest ancestor, within
 * `limit` levels, whose parent has at least `minSiblings` children of its tag. Null when there is none.
 */
export function repeatedItem(node: Node, stop: Node | null, limit = 6, minSiblings = 3): Element | null {
  let el: Element | null = node.parentElement;
  for (let depth = 0; el && depth < limit && el !== stop; depth++) {
    const parent: Element | null = el.parentElement;
    if (!parent) return null;
    if (parent.childElementCount >= minSiblings) {
      let same = 0;
      for (const child of parent.children) if (child.tagName === el.tagName) same++;
      if (same >= minSiblings) return el;
    }
    el = parent;
  }
  return null;
}
