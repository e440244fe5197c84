// A CSS selector for an element the operator picked, meant to survive re-renders: ids and data-/aria-
// hooks first, then readable class names, then positions — never a hashed class like `name--x7a1`.

const HOOK_ATTRIBUTES = [
  'data-metric',
  'data-testid',
  'data-test-id',
  'data-tid',
  'data-e2e',
  'data-id',
  'data-key',
  'data-field',
  'data-name',
  'aria-label',
  'name',
];

/** Class and id words a build tool did not invent: lower-case words, no digits (`ant-statistic-content`). */
const READABLE = /^[a-z]+(?:[-_]{1,2}[a-z]+)*$/;

function escapeIdent(value: string): string {
  return value
    .replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `)
    .replace(/^(\d)/, '\\3$1 ');
}

function escapeString(value: string): string {
  return value.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ');
}

function unique(doc: ParentNode, selector: string, el: Element): boolean {
  try {
    const found = doc.querySelectorAll(selector);
    return found.length === 1 && found[0] === el;
  } catch {
    return false;
  }
}

/** The element's own stable handle: `#id`, `tag[data-x="…"]`, `tag.readable-class`, or just the tag. */
function ownPart(el: Element): { part: string; strong: boolean } {
  const tag = el.tagName.toLowerCase();
  if (el.id && READABLE.test(el.id)) return { part: `#${escapeIdent(el.id)}`, strong: true };
  for (const name of HOOK_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value && value.length <= 80)
      return { part: `${tag}[${name}="${escapeString(value)}"]`, strong: true };
  }
  const classes = Array.from(el.classList).filter((c) => READABLE.test(c));
  return { part: classes.length > 0 ? `${tag}.${classes.map(escapeIdent).join('.')}` : tag, strong: false };
}

function nthOfType(el: Element): string {
  let index = 1;
  for (let s = el.previousElementSibling; s; s = s.previousElementSibling)
    if (s.tagName === el.tagName) index++;
  return `:nth-of-type(${index})`;
}

/** Drops positions that are not needed for the selector to stay unique: `div[data-x] > span` over `… > span:nth-of-type(1)`. */
function withoutNeedlessPositions(doc: ParentNode, parts: string[], el: Element): string {
  for (let i = 0; i < parts.length; i++) {
    const bare = parts[i]!.replace(/:nth-of-type\(\d+\)$/, '');
    if (bare === parts[i]) continue;
    const trial = [...parts];
    trial[i] = bare;
    if (unique(doc, trial.join(' > '), el)) parts = trial;
  }
  return parts.join(' > ');
}

/** A selector that matches exactly `el` in its document, built from the nearest stable ancestors down. */
export function selectorFor(el: Element): string {
  const doc: ParentNode = el.ownerDocument ?? (el.getRootNode() as ParentNode);
  const parts: string[] = [];
  for (let node: Element | null = el; node; node = node.parentElement) {
    const { part, strong } = ownPart(node);
    parts.unshift(part);
    if (unique(doc, parts.join(' > '), el)) return withoutNeedlessPositions(doc, parts, el);
    if (node.parentElement && !strong) {
      parts[0] = `${part}${nthOfType(node)}`;
      if (unique(doc, parts.join(' > '), el)) return withoutNeedlessPositions(doc, parts, el);
    }
    if (node.tagName === 'HTML') break;
  }
  return parts.join(' > ');
}
