import { frameDocument } from './pageText';

// Finding a page's open shadow roots and same-origin frames, which the reader walks and observes besides the
// document. Asking every element for its shadow root is linear in the page, and in the content script each
// element it touches costs a wrapper (~1–3 µs: 30–90 ms on a dashboard of 30k elements). The first look asks
// only where a shadow root can be, found by native queries: custom elements (whatever their name, it has a
// hyphen), built-in hosts left empty (a micro-frontend's box, qiankun's or Garfish's, once its content moved
// into the shadow root: a host's own children are not drawn unless its shadow root slots them) and frames.
// A built-in host that keeps children of its own is found by the full look the reader repeats, paced, while
// some metric is missing.

type FoundRoot = (root: Document | ShadowRoot) => void;

/** The built-in elements that may host a shadow root (DOM Standard, attachShadow). */
const BUILT_IN_HOSTS = [
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
];
/** Empty built-in hosts and frames: one native query (`:empty` first: most elements fail it at once). */
const EMPTY_HOSTS_AND_FRAMES = `:empty:is(${BUILT_IN_HOSTS.join(',')}),iframe,frame`;
/** Custom elements at or under the context node: no CSS selector matches a hyphen in a name, XPath does. */
const CUSTOM_ELEMENTS = 'descendant-or-self::*[contains(local-name(), "-")]';
const ORDERED_SNAPSHOT = 7;
// DOCUMENT_POSITION_FOLLOWING
const FOLLOWING = 4;

/** Reports `el`'s open shadow root or frame document, then what `search` finds under it. */
function report(el: Element, found: FoundRoot, search: (root: ParentNode, found: FoundRoot) => void): void {
  const shadow = el.shadowRoot;
  if (shadow && el.tagName !== 'LIVECUE-OVERLAY') {
    found(shadow);
    search(shadow, found);
  } else if (el.tagName === 'IFRAME' || el.tagName === 'FRAME') {
    const frame = frameDocument(el);
    if (frame?.documentElement) {
      found(frame);
      search(frame, found);
    }
  }
}

/**
 * Every open shadow root and same-origin frame document under `root`, nested ones too (WeChat's `<wujie-app>`,
 * a dashboard's data frame), except our own overlay's: every element is asked.
 */
export function discoverRoots(root: ParentNode, found: FoundRoot): void {
  const elements = root.querySelectorAll('*');
  for (let i = 0; i < elements.length; i++) report(elements[i]!, found, discoverRoots);
}

/** The custom elements under `root` (itself left out), in document order. */
function customElementsUnder(root: ParentNode): Element[] {
  const node = root as Node;
  const doc = node.ownerDocument ?? (root as Document);
  // XPath cannot start at a shadow root (a fragment): it starts at each of its children instead.
  const scopes: Node[] =
    node.nodeType === 11 ? [...root.children] : node.nodeType === 1 ? [...root.children] : [node];
  const out: Element[] = [];
  try {
    if (typeof doc.evaluate !== 'function') throw new Error('no XPath');
    for (const scope of scopes) {
      const result = doc.evaluate(CUSTOM_ELEMENTS, scope, null, ORDERED_SNAPSHOT, null);
      for (let i = 0; i < result.snapshotLength; i++) {
        const el = result.snapshotItem(i) as Element;
        if (el !== node) out.push(el);
      }
    }
    return out;
  } catch {
    // A DOM without XPath: ask every element (the cost discoverLikelyRoots saves a browser).
    return [...root.querySelectorAll('*')].filter((el) => el.localName.includes('-'));
  }
}

/**
 * The open shadow roots and same-origin frame documents under `root` where a page puts them (see above), nested
 * ones too, in document order: the elements asked are the few that can be hosts, found natively.
 */
export function discoverLikelyRoots(root: ParentNode, found: FoundRoot): void {
  const custom = customElementsUnder(root);
  const rest = [...root.querySelectorAll(EMPTY_HOSTS_AND_FRAMES)];
  const candidates =
    custom.length > 0 && rest.length > 0
      ? [...custom, ...rest].sort((a, b) => (a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1))
      : custom.length > 0
        ? custom
        : rest;
  for (const el of candidates) report(el, found, discoverLikelyRoots);
}
