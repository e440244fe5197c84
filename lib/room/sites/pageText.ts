// Walking a page's visible text: the shared DOM plumbing of the label reader, the product reader and
// the end-of-live detector. Works on any ParentNode (a Document, an element, a parsed fixture).

const TEXT_NODE = 3;
const SHOW_ELEMENT_AND_TEXT = 0x1 | 0x4;
const FILTER_ACCEPT = 1;
const FILTER_REJECT = 2;
const FILTER_SKIP = 3;

/** Never text a person reads as a dashboard value: code, inputs, buttons, drawings, menus. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'SVG',
  'svg',
  'CANVAS',
  'IFRAME',
]);

/** Containers whose text is never a metric, whatever the site: feeds, tooltips, menus, virtual lists, hidden parts. */
export const GENERIC_EXCLUDE =
  '[role="log"],[role="feed"],[role="tooltip"],[role="listbox"],[role="option"],[role="menu"],[role="menuitem"],[role="tab"],[data-virtuoso-scroller],[contenteditable="true"],[contenteditable=""],[aria-hidden="true"],[hidden],nav';

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

/**
 * Which elements a walk skips with their subtree: those matching `selector`, looked up once per root (the
 * document, each open shadow root, each same-origin frame) the first time the walk enters it.
 */
export class Exclusion {
  private readonly byRoot = new Map<Node, Set<Element>>();
  constructor(readonly selector: string) {}

  setFor(root: Node): ReadonlySet<Element> {
    let set = this.byRoot.get(root);
    if (!set) {
      set = new Set(this.selector ? queryAll(root as ParentNode, this.selector) : []);
      this.byRoot.set(root, set);
    }
    return set;
  }

  has(el: Element): boolean {
    return this.setFor(el.getRootNode()).has(el);
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

/** Our own in-page overlay lives in a shadow root too; it is never part of the room. */
const OWN_HOST = 'LIVECUE-OVERLAY';

/**
 * Calls `visit` for each non-blank text node under `root` as a person sees the page: into open shadow roots
 * (WeChat's `<wujie-app>`) and same-origin frames, skipping excluded subtrees and tags whose text is not page
 * content. `skipButtons: false` keeps button text (the product reader needs it). `onRoot` hears of each shadow
 * root and frame document entered, so callers can observe them.
 */
export function walkText(
  root: ParentNode,
  exclusion: Exclusion,
  visit: (text: Text) => void,
  skipButtons = true,
  onRoot?: (root: Document | ShadowRoot) => void,
): void {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  // A search may start at a frame or a shadow host itself (a frame that just loaded, a host just added).
  if ((root as Node).nodeType === 1) {
    const start = root as Element;
    const frame = frameDocument(start);
    if (frame?.documentElement) {
      onRoot?.(frame);
      walkText(frame.documentElement, exclusion, visit, skipButtons, onRoot);
      return;
    }
    if (start.shadowRoot) {
      onRoot?.(start.shadowRoot);
      walkText(start.shadowRoot, exclusion, visit, skipButtons, onRoot);
    }
  }
  const excluded = exclusion.setFor((root as Node).getRootNode());
  const walker = doc.createTreeWalker(root as Node, SHOW_ELEMENT_AND_TEXT, {
    acceptNode: (node: Node) => {
      if (node.nodeType === TEXT_NODE) return FILTER_ACCEPT;
      const el = node as Element;
      if (excluded.has(el) || el.tagName === OWN_HOST) return FILTER_REJECT;
      if (SKIPPED_TAGS.has(el.tagName)) {
        if (el.tagName === 'IFRAME') {
          const frame = frameDocument(el);
          if (frame?.documentElement) {
            onRoot?.(frame);
            walkText(frame.documentElement, exclusion, visit, skipButtons, onRoot);
          }
        }
        if (skipButtons || el.tagName !== 'BUTTON') return FILTER_REJECT;
      }
      const shadow = el.shadowRoot;
      if (shadow) {
        onRoot?.(shadow);
        walkText(shadow, exclusion, visit, skipButtons, onRoot);
      }
      return FILTER_SKIP;
    },
  });
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (node.data.trim()) visit(node);
  }
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
