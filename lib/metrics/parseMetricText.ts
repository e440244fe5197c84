import type { MetricUnit } from './metricCatalog';
import { toHalfwidth } from './normalizeText';

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
  | 'unit-mismatch';

export type ParsedMetric =
  | { ok: true; value: number; capped: boolean }
  | { ok: false; reason: ParseFailureReason; raw: string };

const NUMBER_TOKEN = /\d(?:[\d,.]*\d)?/g;
const PLACEHOLDER = /^(?:n\/?a|null|none|nil|undefined|nan|暂无(?:数据)?|无数据|无|未知|未开播)$/i;
const DASHES = /[-—~_·…]/;
const COLON_DURATION = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/;
const DURATION_UNIT =
  /^\s*(天|小时|时|分钟|分|秒钟|秒|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])/i;
const SUFFIX =
  /^\s*(百万|千万|万|亿|千|[wWkKMB](?![a-zA-Z])|m(?![a-zA-Z]))?\s*(\+)?\s*(%|‰)?\s*(\+)?\s*(元|円|₫|€|rmb|cny|usd)?/i;
const PREFIX =
  /(超过|大于|不足|小于|[<>≥≤])?\s*([+-])?\s*(us\$|hk\$|nt\$|rmb|cny|usd|[¥$€£₩฿₫₱₹])?\s*([+-])?\s*$/i;

const MULTIPLIER_EXP: Record<string, number> = {
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

const DURATION_SEC: Record<string, number> = {
  天: 86400,
  小时: 3600,
  时: 3600,
  h: 3600,
  分: 60,
  m: 60,
  秒: 1,
  s: 1,
};

function durationSeconds(unit: string): number {
  const u = unit.toLowerCase();
  if (u === '天') return DURATION_SEC.天!;
  if (u === '分钟') return 60;
  if (u === '秒钟') return 1;
  return DURATION_SEC[u[0] === 'h' || u[0] === 'm' || u[0] === 's' ? u[0] : u] ?? Number.NaN;
}

const ok = (value: number, capped = false): ParsedMetric => ({
  ok: true,
  value: value === 0 ? 0 : value,
  capped,
});
const fail = (reason: ParseFailureReason, raw: string): ParsedMetric => ({ ok: false, reason, raw });

/** Reads `1.2万`, `¥1,234.5`, `10万+`, `12.5%`, `1分23秒`, `1,927人`… Never throws and never returns a silent 0. */
export function parseMetricText(text: string, unit?: MetricUnit): ParsedMetric {
  const raw = typeof text === 'string' ? text : '';
  try {
    return parseNormalized(toHalfwidth(raw), raw, unit);
  } catch {
    return fail('unparseable', raw);
  }
}

function parseNormalized(s: string, raw: string, unit: MetricUnit | undefined): ParsedMetric {
  if (s === '') return fail('empty', raw);
  const tokens = [...s.matchAll(NUMBER_TOKEN)];
  if (tokens.length === 0) {
    return PLACEHOLDER.test(s.replace(/[\s¥$%‰元人次个件单]/g, '')) || DASHES.test(s)
      ? fail('dash', raw)
      : fail('unparseable', raw);
  }

  const colon = readColonDuration(s, tokens);
  if (colon !== undefined) {
    if (unit !== undefined && unit !== 'seconds') return fail('unit-mismatch', raw);
    return Number.isFinite(colon) ? ok(colon) : fail('unparseable', raw);
  }

  const duration = readUnitDuration(s, tokens, unit);
  if (duration !== undefined) {
    if (unit !== undefined && unit !== 'seconds') return fail('unit-mismatch', raw);
    return Number.isFinite(duration) ? ok(duration) : fail('unparseable', raw);
  }

  if (tokens.length > 1) return fail('ambiguous', raw);
  const token = tokens[0]!;
  const start = token.index ?? 0;
  const digits = canonicalDigits(token[0]);
  if (digits === undefined) return fail('ambiguous', raw);

  const prefix = PREFIX.exec(s.slice(0, start));
  const suffix = SUFFIX.exec(s.slice(start + token[0].length));
  const bound = prefix?.[1];
  if (bound !== undefined && /^(<|≤|小于|不足)$/.test(bound)) return fail('ambiguous', raw);
  const negative = prefix?.[2] === '-' || prefix?.[4] === '-';
  const currency = prefix?.[3] !== undefined || suffix?.[5] !== undefined;
  const multiplier = suffix?.[1];
  const fraction = suffix?.[3];
  const capped = bound !== undefined || suffix?.[2] === '+' || suffix?.[4] === '+';

  let exp = multiplier === undefined ? 0 : (MULTIPLIER_EXP[multiplier.toLowerCase()] ?? 0);
  if (fraction === '%') exp -= 2;
  else if (fraction === '‰') exp -= 3;

  if (unit === 'ratio') {
    if (currency || multiplier !== undefined) return fail('unit-mismatch', raw);
  } else if (unit !== undefined) {
    if (fraction !== undefined) return fail('unit-mismatch', raw);
    if (currency && unit !== 'currency') return fail('unit-mismatch', raw);
  }

  const value = Number(`${negative ? '-' : ''}${digits}e${exp}`);
  if (!Number.isFinite(value)) return fail('unparseable', raw);
  // A ratio written bare must be a fraction; "12.5" without a % could mean 12.5 % or 1250 %.
  if (unit === 'ratio' && fraction === undefined && Math.abs(value) > 1) return fail('unit-mismatch', raw);
  return ok(value, capped);
}

/** `1,234.5` → `1234.5`; `1.234.567` → `1234567`; `1.234,5` → `1234.5`; irregular groups → undefined. */
function canonicalDigits(token: string): string | undefined {
  const hasComma = token.includes(',');
  const dots = token.split('.').length - 1;
  if (!hasComma && dots <= 1) return token;
  if (hasComma && /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(token)) return token.replace(/,/g, '');
  if (/^\d{1,3}(?:\.\d{3})+$/.test(token)) return token.replace(/\./g, '');
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(token)) return token.replace(/\./g, '').replace(',', '.');
  return undefined;
}

/** `01:23` → 83, `1:02:03` → 3723, when the colon form is the only number in the text. */
function readColonDuration(s: string, tokens: RegExpMatchArray[]): number | undefined {
  const m = /\d{1,3}:\d{2}(?::\d{2})?/.exec(s);
  if (!m) return undefined;
  const colon = COLON_DURATION.exec(m[0])!;
  const covered = tokens.every((t) => (t.index ?? 0) >= m.index && (t.index ?? 0) < m.index + m[0].length);
  if (!covered || /\d/.test(s.slice(m.index + m[0].length, m.index + m[0].length + 1))) return Number.NaN;
  const parts = colon
    .slice(1)
    .filter((p): p is string => p !== undefined)
    .map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return Number.NaN;
  return parts.reduce((sum, p) => sum * 60 + p, 0);
}

/** `1分23秒`, `1h2m`, `1m 23s`, `83秒`: every number followed by a time unit. A lone `5m` is 5 million unless the unit is seconds. */
function readUnitDuration(
  s: string,
  tokens: RegExpMatchArray[],
  unit: MetricUnit | undefined,
): number | undefined {
  let total = 0;
  const units: string[] = [];
  for (const t of tokens) {
    if (t[0].includes(',')) return undefined;
    const m = DURATION_UNIT.exec(s.slice((t.index ?? 0) + t[0].length));
    if (!m) return undefined;
    const u = m[1]!;
    // Upper-case M is a million; lower-case m alone is ambiguous and only means minutes for a duration metric.
    if (u === 'M') return undefined;
    units.push(u);
    total += Number(t[0]) * durationSeconds(u);
  }
  if (units.length === 1 && units[0] === 'm' && unit !== 'seconds') return undefined;
  return total;
}
