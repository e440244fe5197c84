import { METRIC_IDS, METRICS, type MetricId } from './metricCatalog';
import { labelKey } from './normalizeText';

// Which metric a piece of dashboard text names. Labels are compared in `labelKey` form; a longer
// label always beats a shorter one it contains (累计新增粉丝 over 新增粉丝, 成交金额 never 成交人数).

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
}

/** Every catalog label in key form, longest first (a stable sort keeps catalog order among equals). */
const BY_LENGTH = METRIC_IDS.flatMap((id) =>
  METRICS[id].labels.map((label): [string, MetricId] => [labelKey(label), id]),
).sort((a, b) => b[0].length - a[0].length);
const EXACT = new Map(BY_LENGTH);

// Decorations after a label: a colon, a unit in brackets `(人)` `(元)` `(%)`, an info mark.
const DECORATION = /(?:[:：]|\([^()]{0,6}\)|[ⓘ?*]|\u24d8)+$/;
// What may sit beside a label in the same text node for it to count as "label + value".
const PURE_VALUE =
  /^(?:[<>≥+-]?(?:us\$|rmb|[¥$€£₫฿])?[+-]?\d[\d,.]*(?:百万|千万|万|亿|千|[wkmb])?\+?[%‰]?\+?(?:元|人次|人|次|个|件|单|秒|s)?|\d{1,3}:\d{2}(?::\d{2})?|(?:\d+(?:\.\d+)?(?:小时|时|分钟|分|秒|h|m|s))+|[-—]+)$/;

function strip(key: string): { key: string; percent: boolean } {
  const m = DECORATION.exec(key);
  if (!m) return { key, percent: false };
  return { key: key.slice(0, m.index), percent: m[0].includes('(%)') };
}

/** The metric a text names, exactly or glued to its value; null for anything else (粉丝, 在线粉丝占比, a comment). */
export function matchLabel(text: string): LabelMatch | null {
  const full = labelKey(text);
  if (full.length === 0 || full.length > 40) return null;
  const { key, percent } = strip(full);
  const exact = EXACT.get(key);
  if (exact !== undefined) return { metric: exact, label: key, glued: false, labelAt: 'whole', percent };
  if (!/\d|[-—]$/.test(full)) return null;
  for (const [label, metric] of BY_LENGTH) {
    if (full.startsWith(label)) {
      const after = full.slice(label.length);
      const unit = /^(?:\([^()]{0,6}\))?[:：]?/.exec(after)![0];
      if (PURE_VALUE.test(after.slice(unit.length))) {
        return { metric, label, glued: true, labelAt: 'start', percent: unit.includes('(%)') };
      }
    }
    if (full.endsWith(label) && PURE_VALUE.test(full.slice(0, -label.length))) {
      return { metric, label, glued: true, labelAt: 'end', percent: false };
    }
  }
  return null;
}

/** True when a text still carries the label it matched with (the cached node was not reused for another tile). */
export function stillLabelled(text: string, match: LabelMatch): boolean {
  const key = labelKey(text);
  if (match.labelAt === 'start') return key.startsWith(match.label);
  if (match.labelAt === 'end') return key.endsWith(match.label);
  return strip(key).key === match.label;
}
