import { metricOfLabelKey } from './labelIndex';
import type { MetricUnit } from './metricCatalog';
import { labelKey, toHalfwidth } from './normalizeText';

// Dashboard text → a number, or a reason why not. Bad text never becomes a number: anything
// unclear (two numbers, a % where a count is expected, "--") is a failure the reader reports.

export type ParseFailureReason =
  /** Nothing but whitespace. */
  | 'empty'
  /** A placeholder: `--`, `-`, `—`, `N/A`, `暂无`. */
  | 'dash'
  /** No number could be read, or the number is out of range. */
  | 'unparseable'
  /** More than one number, or a bound (`<1%`) rather than a value. */
  | 'ambiguous'
  /** A number of the wrong kind for the metric: a % on a count, a currency on a people metric. */
  | 'unit-mismatch'
  /** A word after the number that is no multiplier or unit we know (`12 Tr`, `3 jt`, `1.2 million`, `12 kg`). */
  | 'unknown-unit'
  /** A number no room shows for this metric (set by the plausibility gate): see plausibility.ts. */
  | 'implausible';

export type ParsedMetric =
  | { ok: true; value: number; capped: boolean }
  | { ok: false; reason: ParseFailureReason; raw: string };

const NUMBER_TOKEN = /\.?\d(?:[\d,.]*\d)?/g;
const PLACEHOLDER = /^(?:n\/?a|null|none|nil|undefined|nan|暂无(?:数据)?|无数据|无|未知|未开播)$/i;
/** Only dashes (`--`, `--.--`, `-:-`): a hyphenated word such as "Non-followers" is text, not a placeholder. */
const DASHES = /^(?=.*[-—~_·…])[-—~_·….:/]+$/;
const COLON_DURATION = /(\d{1,3}):(\d{2})(?::(\d{2}))?/;
const DURATION_UNIT =
  /^\s*(天|小时|时|分钟|分|秒钟|秒|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/i;
const SUFFIX =
  /^\s*(万亿|千亿|百亿|百万|千万|万|亿|千|[wWkKMB](?![a-zA-Z])|m(?![a-zA-Z]))?\s*(\+)?\s*(%|‰)?\s*(\+|以上)?\s*(元|円|₫|€|rmb|cny|usd)?/i;
const PREFIX =
  /(超过|大于|不足|小于|超|逾|[<>≥≤])?\s*([+-])?\s*(us\$|hk\$|nt\$|rmb|cny|usd|[¥$€£₩฿₫₱₹])?\s*([+-])?\s*$/i;
/** Count words and qualifiers that may sit around a number without changing it. */
const UNIT_WORDS = /^(?:以上|人次|人|次|个|件|单|笔|位|条|份|元|円)+/;
const APPROX_WORDS = /(?:约|近|共|累计|合计|总计|超过|超|逾|大于)+$/;
const LETTER = /\p{L}/u;
const LATIN = /[a-z]/i;

const MULTIPLIER_EXP: Record<string, number> = {
  万亿: 12,
  千亿: 11,
  百亿: 10,
  万: 4,
  w: 4,
  亿: 8,
  千: 3,
  k: 3,
  百万: 6,
  m: 6,
  千万: 7,
  b: 9,
};

/** Seconds per duration unit, by its first letter (小时 时 h…, 分 m…, 天; anything else is 秒 s…). */
const UNIT_SEC: Record<string, number> = { 天: 86400, 小: 3600, 时: 3600, h: 3600, 分: 60, m: 60 };

/** Reads `1.2万`, `¥1,234.5`, `10万+`, `12.5%`, `1分23秒`, `1,927人`… Never throws and never returns a silent 0. */
export function parseMetricText(text: string, unit?: MetricUnit): ParsedMetric {
  const raw = typeof text === 'string' ? text : '';
  let out: ParseFailureReason | [number, boolean];
  try {
    out = parseNormalized(toHalfwidth(raw), unit);
  } catch {
    out = 'unparseable';
  }
  return typeof out === 'string'
    ? { ok: false, reason: out, raw }
    : { ok: true, value: out[0] === 0 ? 0 : out[0], capped: out[1] };
}

function parseNormalized(s: string, unit: MetricUnit | undefined): ParseFailureReason | [number, boolean] {
  if (s === '') return 'empty';
  const tokens = [...s.matchAll(NUMBER_TOKEN)];
  if (tokens.length === 0) {
    const bare = s.replace(/[\s¥$%‰元人次个件单]/g, '');
    return PLACEHOLDER.test(bare) || DASHES.test(bare) ? 'dash' : 'unparseable';
  }

  const duration = readColonDuration(s, tokens) ?? readUnitDuration(s, tokens, unit);
  if (duration !== undefined) {
    if (unit !== undefined && unit !== 'seconds') return 'unit-mismatch';
    return Number.isFinite(duration) ? [duration, false] : 'unparseable';
  }

  if (tokens.length > 1) return 'ambiguous';
  const token = tokens[0]![0];
  const start = tokens[0]!.index!;
  const digits = canonicalDigits(token);
  if (digits === undefined) return 'ambiguous';

  const prefix = PREFIX.exec(s.slice(0, start))!;
  const suffix = SUFFIX.exec(s.slice(start + token.length))!;
  const words = leftoverWords(
    s.slice(0, start - prefix[0].length),
    s.slice(start + token.length + suffix[0].length),
  );
  if (words !== undefined) return words;
  const bound = prefix[1];
  if (bound !== undefined && /^(<|≤|小于|不足)$/.test(bound)) return 'ambiguous';
  const currency = prefix[3] !== undefined || suffix[5] !== undefined;
  const multiplier = suffix[1];
  const fraction = suffix[3];

  const exp =
    (multiplier === undefined ? 0 : (MULTIPLIER_EXP[multiplier.toLowerCase()] ?? 0)) -
    (fraction === '%' ? 2 : fraction === '‰' ? 3 : 0);

  if (unit === 'ratio') {
    if (currency || multiplier !== undefined) return 'unit-mismatch';
  } else if (unit !== undefined) {
    if (fraction !== undefined || (currency && unit !== 'currency')) return 'unit-mismatch';
  }

  const negative = prefix[2] === '-' || prefix[4] === '-';
  const value = Number(`${negative ? '-' : ''}${digits}e${exp}`);
  if (!Number.isFinite(value)) return 'unparseable';
  // A ratio written bare must be a fraction; "12.5" without a % could mean 12.5 % or 1250 %.
  if (unit === 'ratio' && fraction === undefined && Math.abs(value) > 1) return 'unit-mismatch';
  return [value, bound !== undefined || suffix[2] === '+' || suffix[4] !== undefined];
}

/**
 * Words left beside the number once its prefix and suffix are read: nothing, count words (人, 件, 以上), an
 * approximation (约) or the metric's own label are fine; anything else means the text is not a plain value.
 */
function leftoverWords(before: string, after: string): ParseFailureReason | undefined {
  const tail = labelKey(after).replace(UNIT_WORDS, '');
  if (LETTER.test(tail) && metricOfLabelKey(tail) === undefined)
    return LATIN.test(tail.charAt(0)) ? 'unknown-unit' : 'unparseable';
  const head = labelKey(before).replace(APPROX_WORDS, '');
  if (LETTER.test(head) && metricOfLabelKey(head) === undefined) return 'unparseable';
  return undefined;
}

/** `1,234.5` → `1234.5`; `1.234.567` → `1234567`; `1.234,5` → `1234.5`; irregular groups → undefined. */
function canonicalDigits(token: string): string | undefined {
  const hasComma = token.includes(',');
  if (!hasComma && token.split('.').length <= 2) return token;
  if (hasComma && /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(token)) return token.replace(/,/g, '');
  if (/^\d{1,3}(?:\.\d{3})+$/.test(token)) return token.replace(/\./g, '');
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(token)) return token.replace(/\./g, '').replace(',', '.');
  return undefined;
}

/** `01:23` → 83, `1:02:03` → 3723, when the colon form is the only number in the text. */
function readColonDuration(s: string, tokens: RegExpMatchArray[]): number | undefined {
  const m = COLON_DURATION.exec(s);
  if (!m) return undefined;
  const end = m.index + m[0].length;
  const [, h, mm, ss] = m;
  if (
    tokens.some((t) => t.index! < m.index || t.index! >= end) ||
    /\d/.test(s.charAt(end)) ||
    +mm! > 59 ||
    +ss! > 59
  )
    return Number.NaN;
  const value = +h! * 60 + +mm!;
  return ss === undefined ? value : value * 60 + +ss;
}

/** `1分23秒`, `1h2m`, `1m 23s`, `83秒`: every number followed by a time unit. A lone `5m` is 5 million unless the unit is seconds. */
function readUnitDuration(
  s: string,
  tokens: RegExpMatchArray[],
  unit: MetricUnit | undefined,
): number | undefined {
  let total = 0;
  let u: string | undefined;
  for (const t of tokens) {
    if (t[0].includes(',')) return undefined;
    u = DURATION_UNIT.exec(s.slice(t.index! + t[0].length))?.[1];
    // Upper-case M is a million; lower-case m alone is ambiguous and only means minutes for a duration metric.
    if (!u || u === 'M') return undefined;
    total += Number(t[0]) * (UNIT_SEC[u[0]!.toLowerCase()] ?? 1);
  }
  return tokens.length === 1 && u === 'm' && unit !== 'seconds' ? undefined : total;
}
