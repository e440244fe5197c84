// The text of a comment row as a person reads it: text nodes joined, emoji images by their alt text
// ("[微笑]"), hidden parts skipped, whitespace collapsed. Rows are small, so a direct walk is cheap.

const ELEMENT = 1;
const TEXT = 3;
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'BUTTON',
  'INPUT',
  'TEXTAREA',
  'SVG',
  'svg',
]);

const hidden = (el: Element) =>
  el.hasAttribute('hidden') ||
  el.getAttribute('aria-hidden') === 'true' ||
  (el as HTMLElement).style?.display === 'none';

/** The readable text under `node`, skipping the subtrees of `skip` (the name, badges). */
export function rowText(node: Node, skip?: ReadonlySet<Element>): string {
  let out = '';
  const visit = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === TEXT) out += (c as Text).data;
      else if (c.nodeType === ELEMENT) {
        const el = c as Element;
        if (skip?.has(el) || SKIPPED.has(el.tagName) || hidden(el)) continue;
        if (el.tagName === 'IMG') out += el.getAttribute('alt') ?? '';
        else visit(el);
      }
    }
  };
  visit(node);
  return out;
}

/** Whitespace collapsed, trimmed, at most `max` characters. */
export function cleanText(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? clean.slice(0, max) : clean;
}
