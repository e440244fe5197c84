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

/** Every element matching any of the selectors (bad selectors are skipped). */
export function collect(root: ParentNode, selectors: readonly string[]): Set<Element> {
  return new Set(selectors.flatMap((selector) => queryAll(root, selector)));
}

/**
 * Calls `visit` for each non-blank text node under `root`, skipping the subtrees of `excluded` elements and of
 * tags whose text is not page content. `skipButtons: false` keeps button text (the product reader needs it).
 */
export function walkText(
  root: ParentNode,
  excluded: ReadonlySet<Element>,
  visit: (text: Text) => void,
  skipButtons = true,
): void {
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root as Node, SHOW_ELEMENT_AND_TEXT, {
    acceptNode: (node: Node) =>
      node.nodeType === TEXT_NODE
        ? FILTER_ACCEPT
        : excluded.has(node as Element) ||
            (SKIPPED_TAGS.has((node as Element).tagName) &&
              (skipButtons || (node as Element).tagName !== 'BUTTON'))
          ? FILTER_REJECT
          : FILTER_SKIP,
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
