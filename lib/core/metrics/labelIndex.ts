import { METRIC_IDS, METRICS, type MetricId } from './metricCatalog';
import { labelKey } from './normalizeText';

// Which metric a piece of dashboard text names. Labels are compared in `labelKey` form; a longer
// label always beats a shorter one it contains (累计新增粉丝 over 新增粉丝, 成交金额 never 成交人数).
// Every lookup is a handful of map probes (one per distinct label length), so matching all the text
// of a page stays linear in the page, whatever the number of labels.

export interface LabelMatch {
  metric: MetricId;
  /** The catalog label that matched, in key form. */
  label: string;
  /** The text was the label and a number in one (`1927在线观众`, `在线人数：1,927`). */
  glued: boolean;
  /** Where the label sits in a glued text. */
  labelAt: 'start' | 'end' | 'whole';
  /** The label carried a `(%)` unit: a bare number beside it is a percentage. */
  percent: boolean;
  /** The label ended in a colon (`在线人数：`): its value follows it. */
  colon: boolean;
  /** Which part of a text split by `·` `|` `；` this is (`2,192在线观众 · 30,696人进入直播间`); -1 for the whole text. */
  segment: number;
}

const EXACT = new Map<string, MetricId>();
for (const id of METRIC_IDS) {
  for (const label of METRICS[id].labels) if (!EXACT.has(labelKey(label))) EXACT.set(labelKey(label), id);
}
/** Distinct label lengths, longest first: the only places a glued label can end or start. */
const LENGTHS = [...new Set([...EXACT.keys()].map((k) => k.length))].sort((a, b) => b - a);

// Decorations after a label: a colon, a separator, a unit in brackets `(人)` `(元)` `(%)` `($)`, an info
// mark. Only units: a qualifier such as `(含异常交易)` makes another figure and is kept.
const DECORATION =
  /(?:[:：·•|丨/,，;；]|\((?:人|人数|次|次数|人次|元|万元|万|个|件|单|笔|%|‰|秒|s|\$|¥|us\$|usd|rmb|cny|円|₫|€|£|฿)\)|[ⓘ?*]|\u24d8)+$/;
/** Separators between several label-and-value pairs written in one text. */
export const SEGMENT_SEPARATOR = /\s*[·•|丨;；]\s*/;
// What may sit beside a label in the same text for it to count as "label + value".
const PURE_VALUE =
  /^(?:[<>≥+-]?(?:us\$|rmb|[¥$€£₫฿])?[+-]?\.?\d[\d,.]*(?:万亿|百万|千万|万|亿|千|[wkmb])?\+?[%‰]?\+?(?:以上|元|人次|人|次|个|件|单|秒|s)?|\d{1,3}:\d{2}(?::\d{2})?|(?:\d+(?:\.\d+)?(?:小时|时|分钟|分|秒|hr|min|sec|h|m|s),?)+|[-—]+)$/;
const UNIT_AFTER_LABEL = /^(?:\([^()]{0,6}\))?[:：]?/;

/** First characters of every label key: a text starting with none of them is no label (checked before normalising). */
const FIRST_CHARS = new Set([...EXACT.keys()].map((k) => k.charAt(0)));
/** Last characters of every label key: a value glued before its label (`1927在线观众`) ends in one of them. */
const LAST_CHARS = new Set([...EXACT.keys()].map((k) => k.charAt(k.length - 1)));
const VALUE_FIRST = /^[\d.¥$€£₫฿+<>≥-]/;
const TRAILING_DECORATION = /[\s:：·•|丨/,，;；)）?*ⓘ]+$/;

/**
 * A cheap first look at a text before matchLabel normalises it: could it be a label, or a value glued to one?
 * Most of a page's text fails at its first character.
 */
export function mayBeLabelText(data: string): boolean {
  if (data.length > 60) return false;
  const text = data.trimStart();
  if (text === '') return false;
  if (FIRST_CHARS.has(text.charAt(0).toLowerCase())) return true;
  const code = text.charCodeAt(0);
  // Fullwidth forms (１２，３４５, Ｖｉｅｗｅｒｓ) are worth the full normalisation.
  if (code >= 0xff00 && code <= 0xffef) return true;
  if (!VALUE_FIRST.test(text)) return false;
  const end = text.replace(TRAILING_DECORATION, '');
  return LAST_CHARS.has(end.charAt(end.length - 1).toLowerCase()) || SEGMENT_SEPARATOR.test(text);
}

function strip(key: string): { key: string; percent: boolean; colon: boolean } {
  const m = DECORATION.exec(key);
  if (!m) return { key, percent: false, colon: false };
  return { key: key.slice(0, m.index), percent: m[0].includes('(%)'), colon: /[:：]/.test(m[0]) };
}

/** The metric a label (already in key form) names once its decoration is stripped, or undefined. */
export function metricOfLabelKey(key: string): MetricId | undefined {
  return EXACT.get(strip(key).key);
}

/** The metric a text names, exactly or glued to its value; null for anything else (粉丝, 在线粉丝占比, a comment). */
export function matchLabel(text: string, segment = -1): LabelMatch | null {
  const full = labelKey(text);
  if (full.length === 0 || full.length > 40) return null;
  const { key, percent, colon } = strip(full);
  const exact = EXACT.get(key);
  if (exact !== undefined)
    return { metric: exact, label: key, glued: false, labelAt: 'whole', percent, colon, segment };
  if (!/\d|[-—]$/.test(full)) return null;
  for (const length of LENGTHS) {
    if (length >= full.length) continue;
    const head = EXACT.get(full.slice(0, length));
    if (head !== undefined) {
      const after = full.slice(length);
      const unit = UNIT_AFTER_LABEL.exec(after)![0];
      if (PURE_VALUE.test(after.slice(unit.length))) {
        const label = full.slice(0, length);
        return {
          metric: head,
          label,
          glued: true,
          labelAt: 'start',
          percent: unit.includes('(%)'),
          colon: unit.includes(':') || unit.includes('：'),
          segment,
        };
      }
    }
    const tail = EXACT.get(full.slice(-length));
    if (tail !== undefined && PURE_VALUE.test(full.slice(0, -length))) {
      const label = full.slice(-length);
      return { metric: tail, label, glued: true, labelAt: 'end', percent: false, colon: false, segment };
    }
  }
  return null;
}

/** The parts of a text that may each be a label with its value (`2,192在线观众 · 30,696人进入直播间`). */
export function segmentsOf(text: string): string[] {
  return text.split(SEGMENT_SEPARATOR).filter((part) => part.trim() !== '');
}

const partOf = (text: string, match: LabelMatch) =>
  match.segment >= 0 ? (segmentsOf(text)[match.segment] ?? '') : text;

/** The part of a glued text that holds the value (the label and its colon removed); the whole text otherwise. */
export function valuePart(text: string, match: LabelMatch): string {
  if (!match.glued) return text;
  const part = partOf(text, match);
  const key = labelKey(part);
  if (match.labelAt === 'start') {
    const after = key.slice(match.label.length);
    return after.slice(UNIT_AFTER_LABEL.exec(after)![0].length);
  }
  return key.slice(0, key.length - match.label.length);
}

/** True when a text still carries the label it matched with (the cached node was not reused for another tile). */
export function stillLabelled(text: string, match: LabelMatch): boolean {
  const key = labelKey(partOf(text, match));
  if (match.labelAt === 'start') return key.startsWith(match.label);
  if (match.labelAt === 'end') return key.endsWith(match.label);
  return strip(key).key === match.label;
}
