import { metricOfLabelKey } from './labelIndex';
import type { MetricUnit } from './metricCatalog';
import { labelKey, toHalfwidth } from './normalizeText';
import {
  asciiDigits,
  type Convention,
  canonicalDigits,
  currencyConvention,
  LOCAL_MULTIPLIERS,
  type NumberKind,
} from './numberGrammar';

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
  /** A word after the number that is no multiplier or unit we know (`1.2 million`, `12 kg`, `12 pcs`). */
  | 'unknown-unit'
  /** A number no room shows for this metric (set by the plausibility gate): see plausibility.ts. */
  | 'implausible'
  /** A change beside the value, not the value: a sign or an arrow before it (`+1,203`, `↑ 12,5%`, `▼3`). */
  | 'change';

export type ParsedMetric =
  | { ok: true; value: number; capped: boolean }
  | { ok: false; reason: ParseFailureReason; raw: string };

/** Digits with their marks; a space only between groups of three (`1 234 567`, the narrow space of fr-FR). */
const NUMBER_TOKEN = /\.?\d(?:(?:[\d,.]| (?=\d{3}(?!\d)))*\d)?/g;
const PLACEHOLDER = /^(?:n\/?a|null|none|nil|undefined|nan|暂无(?:数据)?|无数据|无|未知|未开播)$/i;
/** Only dashes (`--`, `--.--`, `-:-`): a hyphenated word such as "Non-followers" is text, not a placeholder. */
const DASHES = /^(?=.*[-—~_·…])[-—~_·….:/]+$/;
const COLON_DURATION = /(\d{1,3}):(\d{2})(?::(\d{2}))?/;
const DURATION_UNIT =
  /^\s*(天|小时|时|分钟|分|秒钟|秒|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/i;
const SUFFIX =
  /^\s*(万亿|千亿|百亿|百万|千万|万|亿|千|萬|億|천|만|억|(?:juta|jt|miliar|ribu|rb|triệu|tr|tỷ|nghìn|n|j|mio|mrd|mil|mln|mld|tys|mi|bi|bn|md)(?![a-z])|ล้าน|แสน|หมื่น|พัน|[wWkKMB](?![a-zA-Z])|m(?![a-zA-Z]))?\s*(\+)?\s*(%|‰)?\s*(\+|以上)?\s*(元|円|₫|đ(?![a-z])|€|¥|฿|บาท|(?:rmb|cny|usd|vnd|idr|thb|myr|php|jpy|eur|gbp|sgd)(?![a-z]))?/i;
const PREFIX =
  /(超过|大于|不足|小于|超|逾|[<>≥≤])?\s*([+-])?\s*(us\$|hk\$|nt\$|s\$|(?<![a-z])(?:rmb|cny|usd|vnd|idr|thb|myr|php|jpy|eur|gbp|sgd|rp|rm)|[¥$€£₩฿₫₱₹])?\s*([+-])?\s*$/i;
/** Count words and qualifiers that may sit around a number without changing it. */
const UNIT_WORDS = /^(?:以上|人次|人|次|个|件|单|笔|位|条|份|元|円)+/;
/** Words that say the number counts people or things: never a price, a duration or a rate. */
const COUNT_WORDS = /人|次|个|件|单|笔|位|条|份/;
/** Units whose numbers are whole counts. */
const COUNT_UNITS = new Set<MetricUnit | undefined>([
  'people',
  'views',
  'orders',
  'clicks',
  'comments',
  'likes',
]);
const APPROX_WORDS = /(?:约|近|共|累计|合计|总计|超过|超|逾|大于)+$/;
const LETTER = /\p{L}/u;
/** Arrows that mark a number as a change against an earlier one (a delta badge). */
const ARROWS = /[↑↓↗↘⇧⇩▲▼△▽▴▾⬆⬇🔺🔻]/u;
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
  萬: 4,
  億: 8,
  천: 3,
  만: 4,
  억: 8,
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

function parseNormalized(text: string, unit: MetricUnit | undefined): ParseFailureReason | [number, boolean] {
  if (text === '') return 'empty';
  const s = asciiDigits(text);
  // A superscript or a fraction sign is no digit: `12³` is not 12.
  if (s === undefined) return 'unparseable';
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

  const prefix = PREFIX.exec(s.slice(0, start))!;
  const suffix = SUFFIX.exec(s.slice(start + token.length))!;
  const after = s.slice(start + token.length + suffix[0].length);
  // A delta badge (`+1,203`, `↑ 12,5%`) says how much a value moved, never what it is; a level is never
  // written with a plus, and a minus sign on a level is left to the plausibility gate.
  if (prefix[2] === '+' || prefix[4] === '+' || ARROWS.test(s)) return 'change';
  const words = leftoverWords(s.slice(0, start - prefix[0].length), after);
  if (words !== undefined) return words;
  const bound = prefix[1];
  if (bound !== undefined && /^(<|≤|小于|不足)$/.test(bound)) return 'ambiguous';
  const currencySign = (prefix[3] ?? suffix[5])?.toLowerCase();
  const currency = currencySign !== undefined;
  const multiplier = suffix[1]?.toLowerCase();
  // Indonesian writes M for miliar (10⁹), not a million: `Rp1,5 M`.
  const local =
    multiplier === undefined
      ? undefined
      : multiplier === 'm' && (currencySign === 'rp' || currencySign === 'idr')
        ? LOCAL_MULTIPLIERS.miliar
        : LOCAL_MULTIPLIERS[multiplier];
  const fraction = suffix[3];
  const counted = COUNT_WORDS.test(labelKey(after).match(UNIT_WORDS)?.[0] ?? '');

  if (unit === 'ratio') {
    if (currency || multiplier !== undefined || counted) return 'unit-mismatch';
  } else if (unit === 'seconds' || unit === 'currency') {
    // `约1.2万人` is a number of people, not a watch time; `1,234人` is no amount of money.
    if (fraction !== undefined || counted) return 'unit-mismatch';
    if (unit === 'seconds' && (currency || multiplier !== undefined)) return 'unit-mismatch';
  } else if (unit !== undefined) {
    if (fraction !== undefined || currency) return 'unit-mismatch';
  }

  const convention: Convention | undefined =
    (currencySign === undefined ? undefined : currencyConvention(currencySign)) ?? local?.[1];
  const kind: NumberKind =
    currency || unit === 'currency' ? 'currency' : COUNT_UNITS.has(unit) ? 'count' : 'other';
  const digits = canonicalDigits(token, {
    kind,
    convention,
    scaled: multiplier !== undefined || fraction !== undefined,
  });
  if (digits === undefined) return 'ambiguous';

  const exp =
    (multiplier === undefined ? 0 : (local?.[0] ?? MULTIPLIER_EXP[multiplier] ?? 0)) -
    (fraction === '%' ? 2 : fraction === '‰' ? 3 : 0);
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
    if (/[, ]/.test(t[0])) return undefined;
    u = DURATION_UNIT.exec(s.slice(t.index! + t[0].length))?.[1];
    // Upper-case M is a million; lower-case m alone is ambiguous and only means minutes for a duration metric.
    if (!u || u === 'M') return undefined;
    total += Number(t[0]) * (UNIT_SEC[u[0]!.toLowerCase()] ?? 1);
  }
  return tokens.length === 1 && u === 'm' && unit !== 'seconds' ? undefined : total;
}
