import { sharedDrawnText, sharedStyle } from './pageText';

// Reading a value element as a person sees it, not as its DOM text runs. Dashboards draw numbers as
// odometers (one span per digit beside a hidden spacer "8"), digit rollers (a clipped column holding 0–9,
// moved by a transform), per-character spans ("¥ 1 5 9 , 3 5 7 万") and split parts (`6` `.38` `K`), lay
// digits out in another order than the DOM's (a reversed flex row, `order`), and add units in CSS (::after). A plan
// is worked out once per element (styles, which parts show) and re-made only when the element's structure
// changes; reading it is a walk over a few cached nodes, plus geometry for a roller's columns.

export interface ValueView {
  /** The text on screen ('' while it cannot be told, e.g. a roller between two digits). */
  text: string;
  /** False while the number moves (a roller mid-transition, an odometer's ribbon rolling). */
  settled: boolean;
}

/** Digits stacked in a clipped box; the one inside the box is the digit shown. */
interface Column {
  clip: Element;
  digits: Element[];
}

/** Text drawn by CSS (`content` of ::before / ::after): a unit (`万`, `%`) a person sees beside the digits. */
interface Pseudo {
  host: Element;
  which: '::before' | '::after';
}

type Part = Text | Column | Pseudo;

export interface ValuePlan {
  read(): ValueView;
  /** Reading needs layout (a roller's columns): do it only after something moved. */
  geometric: boolean;
  /** The structure moved under the plan (a part detached): make a new one. */
  stale(): boolean;
}

const TEXT_NODE = 3;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'CANVAS', 'BUTTON']);
const SINGLE_DIGIT = /^\s*\d\s*$/;
const TOLERANCE_PX = 1;

const computedStyle = (el: Element): CSSStyleDeclaration | null => {
  try {
    return el.ownerDocument.defaultView?.getComputedStyle(el) ?? null;
  } catch {
    return null;
  }
};
/** The element's computed style, once per shared read (a value is viewed again at each wrapper it grows into). */
const styleOf = (el: Element) => sharedStyle(el, computedStyle);

const clips = (style: CSSStyleDeclaration | null) =>
  !!style && [style.overflow, style.overflowY].some((o) => !!o && o !== 'visible' && o !== '');

/** Hidden from a person: `hidden`, `display:none`, or (when `aria` is true) `aria-hidden`. */
function hiddenElement(el: Element, style: CSSStyleDeclaration | null, aria: boolean): boolean {
  return (
    el.hasAttribute('hidden') ||
    (aria && el.getAttribute('aria-hidden') === 'true') ||
    style?.display === 'none' ||
    (el as HTMLElement).style?.display === 'none'
  );
}

/** The element's own visibility (inherited unless it says otherwise), or undefined when nothing says. */
function visibilityOf(el: Element, style: CSSStyleDeclaration | null): 'visible' | 'hidden' | undefined {
  const v = style?.visibility || (el as HTMLElement).style?.visibility;
  if (!v) return undefined;
  return v === 'hidden' || v === 'collapse' ? 'hidden' : 'visible';
}

/** A rect worth trusting: the element has layout (happy-dom and display:none give all zeros). */
const laidOut = (r: DOMRect) => r.width > 0 || r.height > 0;

/** The one digit of a column inside its clip box, '' when none or several are (the column is rolling). */
function shownDigit(column: Column): { digit: string; settled: boolean } {
  const box = column.clip.getBoundingClientRect();
  if (!laidOut(box)) return { digit: '', settled: false };
  let shown: Element | null = null;
  let partial = false;
  for (const digit of column.digits) {
    const r = digit.getBoundingClientRect();
    if (!laidOut(r)) continue;
    const inside =
      r.top >= box.top - TOLERANCE_PX &&
      r.bottom <= box.bottom + TOLERANCE_PX &&
      r.left >= box.left - TOLERANCE_PX &&
      r.right <= box.right + TOLERANCE_PX;
    const overlaps = r.bottom > box.top + TOLERANCE_PX && r.top < box.bottom - TOLERANCE_PX;
    if (inside) {
      if (shown) return { digit: '', settled: false };
      shown = digit;
    } else if (overlaps) partial = true;
  }
  if (!shown) return { digit: '', settled: false };
  return { digit: (shown.textContent ?? '').trim(), settled: !partial };
}

/** True while a CSS transition or animation runs on the element or inside it. */
function animating(el: Element): boolean {
  try {
    const running = (el as Element & { getAnimations?: (o?: object) => Animation[] }).getAnimations?.({
      subtree: true,
    });
    return !!running?.some((a) => a.playState === 'running');
  } catch {
    return false;
  }
}

/** Collects what shows of `el`: visible text nodes, and clipped digit columns kept whole. */
function collectParts(
  el: Element,
  parts: Part[],
  aria: boolean,
  columns: Column[],
  hiddenText: boolean,
  style: CSSStyleDeclaration | null = styleOf(el),
): void {
  if (!hiddenText && pseudoText(el, '::before')) parts.push({ host: el, which: '::before' });
  for (const child of visualOrder(el, style)) {
    if (child.nodeType === TEXT_NODE) {
      if (!hiddenText && (child as Text).data.trim()) parts.push(child as Text);
      continue;
    }
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    if (SKIPPED.has(element.tagName)) continue;
    const style = styleOf(element);
    if (hiddenElement(element, style, aria)) continue;
    const own = visibilityOf(element, style);
    const childHidden = own === undefined ? hiddenText : own === 'hidden';
    if (clips(style)) {
      const digits = digitLeaves(element, aria, childHidden);
      if (digits.length >= 2 && isColumn(element, digits)) {
        const column = { clip: element, digits };
        parts.push(column);
        columns.push(column);
        continue;
      }
    }
    collectParts(element, parts, aria, columns, childHidden, style);
  }
  if (!hiddenText && pseudoText(el, '::after')) parts.push({ host: el, which: '::after' });
}

/**
 * The children in the order they are drawn: a flex box lays its items out by their `order`, and backwards
 * when its direction is reversed (digits in `row-reverse` read right to left in the DOM).
 */
function visualOrder(el: Element, style: CSSStyleDeclaration | null): ChildNode[] {
  const children = [...el.childNodes];
  const display = style?.display || (el as HTMLElement).style?.display;
  if (!display?.includes('flex') || children.length < 2) return children;
  const direction = style?.flexDirection || (el as HTMLElement).style?.flexDirection || '';
  const orderOf = (node: ChildNode) => {
    if (node.nodeType !== 1) return 0;
    const order = styleOf(node as Element)?.order || (node as HTMLElement).style?.order;
    return Number.parseInt(order || '0', 10) || 0;
  };
  const keyed = children.map((node, i) => ({ node, i, order: orderOf(node) }));
  keyed.sort((a, b) => a.order - b.order || a.i - b.i);
  const drawn = keyed.map((k) => k.node);
  return direction.endsWith('-reverse') ? drawn.reverse() : drawn;
}

/** The text CSS draws in an element's ::before / ::after: its quoted strings and attr() values, '' for none. */
export function pseudoText(el: Element, which: '::before' | '::after'): string {
  return sharedDrawnText(el, which, drawnText);
}

function drawnText(el: Element, which: '::before' | '::after'): string {
  let content: string | undefined;
  try {
    content = el.ownerDocument.defaultView?.getComputedStyle(el, which).content;
  } catch {
    return '';
  }
  if (!content || content === 'none' || content === 'normal') return '';
  let text = '';
  for (const m of content.matchAll(CSS_CONTENT_PART)) {
    if (m[3] !== undefined) text += el.getAttribute(m[3]) ?? '';
    else text += unescapeCss(m[1] ?? m[2] ?? '');
  }
  return text;
}
const CSS_CONTENT_PART = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|attr\(\s*([\w-]+)\s*\)/g;
const unescapeCss = (s: string) =>
  s.replace(/\\([0-9a-f]{1,6}\s?|.)/gi, (_, e: string) =>
    /^[0-9a-f]/i.test(e) ? String.fromCodePoint(Number.parseInt(e, 16)) : e,
  );

/** The visible single-digit elements under a clipped box, in order. */
function digitLeaves(el: Element, aria: boolean, hiddenText: boolean): Element[] {
  const out: Element[] = [];
  for (const leaf of el.querySelectorAll('*')) {
    if (leaf.childElementCount > 0 || !SINGLE_DIGIT.test(leaf.textContent ?? '')) continue;
    const style = styleOf(leaf);
    if (hiddenElement(leaf, style, aria)) continue;
    const own = visibilityOf(leaf, style);
    if (own === 'hidden' || (own === undefined && hiddenText)) continue;
    out.push(leaf);
  }
  return out;
}

/**
 * A clipped box whose digits do not all fit inside it is a roller's column (or an odometer's ribbon mid-roll);
 * a clipped box that shows all its digits is only a number with `overflow:hidden` (an ellipsis), read as text.
 * Without layout there is nothing to go by: a run of ten digits is then left to the plausibility gate.
 */
function isColumn(clip: Element, digits: Element[]): boolean {
  const box = clip.getBoundingClientRect();
  if (!laidOut(box)) return false;
  return digits.some((d) => {
    const r = d.getBoundingClientRect();
    return laidOut(r) && (r.top < box.top - TOLERANCE_PX || r.bottom > box.bottom + TOLERANCE_PX);
  });
}

/** A number given by the platform for people who cannot see the animation (`aria-label="4,348.11"`). */
function labelledValue(el: Element): string | null {
  for (const name of ['aria-label', 'title', 'aria-valuetext']) {
    const value = el.getAttribute(name);
    if (value && /\d/.test(value) && value.length <= 60) return value;
  }
  return null;
}

/** How to read `source` as it shows: its own text, an accessible label, or its visible parts. */
export function planValue(source: Node): ValuePlan {
  if (source.nodeType === TEXT_NODE) {
    const text = source as Text;
    return { read: () => ({ text: text.data, settled: true }), stale: () => false, geometric: false };
  }
  const el = source as Element;
  const labelled = labelledValue(el);
  if (labelled !== null) {
    return {
      read: () => ({ text: labelledValue(el) ?? el.textContent ?? '', settled: true }),
      stale: () => labelledValue(el) === null,
      geometric: false,
    };
  }
  if (el.childElementCount === 0 && !pseudoText(el, '::before') && !pseudoText(el, '::after')) {
    return {
      read: () => ({ text: el.textContent ?? '', settled: true }),
      stale: () => el.childElementCount > 0,
      geometric: false,
    };
  }
  const parts: Part[] = [];
  const columns: Column[] = [];
  const style = styleOf(el);
  const hidden = visibilityOf(el, style) === 'hidden';
  collectParts(el, parts, true, columns, hidden, style);
  // Nothing left but what is marked aria-hidden: the page hid the digits from screen readers only.
  if (parts.length === 0) collectParts(el, parts, false, columns, hidden, style);
  const nodes = parts.flatMap((p): Node[] =>
    'digits' in p ? [p.clip, ...p.digits] : 'host' in p ? [p.host] : [p],
  );
  return {
    read() {
      let text = '';
      let settled = true;
      for (const part of parts) {
        if ('digits' in part) {
          const shown = shownDigit(part);
          text += shown.digit;
          if (!shown.settled) settled = false;
        } else if ('host' in part) text += pseudoText(part.host, part.which).trim();
        else text += part.data.trim();
      }
      if (columns.length > 0 && settled && animating(el)) settled = false;
      return { text, settled };
    },
    stale: () => nodes.some((n) => !el.contains(n)),
    geometric: columns.length > 0,
  };
}

/** A text node a person can see: no ancestor up to `within` is hidden or see-through, and its own box is not invisible. */
export function textShows(text: Text, within: Element): boolean {
  const parent = text.parentElement;
  if (!parent) return false;
  const own = styleOf(parent);
  if (visibilityOf(parent, own) === 'hidden') return false;
  for (let el: Element | null = parent; el && el !== within; el = el.parentElement) {
    const style = el === parent ? own : styleOf(el);
    if (hiddenElement(el, style, false)) return false;
    // See-through: a tooltip kept on the page at opacity 0 until hovered.
    if ((style?.opacity || (el as HTMLElement).style?.opacity) === '0') return false;
  }
  return true;
}
