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

/**
 * Class and id words a build tool did not invent: lower-case words, no digits (`ant-statistic-content`).
 * Being letters, `-` and `_` only, they need no CSS escaping.
 */
const READABLE = /^[a-z]+(?:[-_]{1,2}[a-z]+)*$/;

const escapeString = (value: string) => value.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ');

/** The element's own handle (`#id`, `tag[data-x="…"]`, `tag.readable-class`, or just the tag) and whether it is stable. */
function ownPart(el: Element): [string, boolean] {
  const tag = el.tagName.toLowerCase();
  if (el.id && READABLE.test(el.id)) return [`#${el.id}`, true];
  for (const name of HOOK_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value && value.length <= 80) return [`${tag}[${name}="${escapeString(value)}"]`, true];
  }
  const classes = [...el.classList].filter((c) => READABLE.test(c));
  return [classes.length > 0 ? `${tag}.${classes.join('.')}` : tag, false];
}

/** A selector that matches exactly `el` in its document, built from the nearest stable ancestors down. */
export function selectorFor(el: Element): string {
  const doc: ParentNode = el.ownerDocument ?? (el.getRootNode() as ParentNode);
  const unique = (parts: string[]) => {
    try {
      const found = doc.querySelectorAll(parts.join(' > '));
      return found.length === 1 && found[0] === el;
    } catch {
      return false;
    }
  };
  // Drops positions the selector does not need to stay unique: `div[data-x] > span` over `… > span:nth-of-type(1)`.
  const finish = (parts: string[]) => {
    for (let i = 0; i < parts.length; i++) {
      const trial = [...parts];
      trial[i] = parts[i]!.replace(/:nth-of-type\(\d+\)$/, '');
      if (trial[i] !== parts[i] && unique(trial)) parts = trial;
    }
    return parts.join(' > ');
  };
  const parts: string[] = [];
  for (let node: Element | null = el; node; node = node.parentElement) {
    const [part, strong] = ownPart(node);
    parts.unshift(part);
    if (unique(parts)) return finish(parts);
    if (node.parentElement && !strong) {
      let index = 1;
      for (let s = node.previousElementSibling; s; s = s.previousElementSibling)
        if (s.tagName === node.tagName) index++;
      parts[0] = `${part}:nth-of-type(${index})`;
      if (unique(parts)) return finish(parts);
    }
    if (node.tagName === 'HTML') break;
  }
  return parts.join(' > ');
}
