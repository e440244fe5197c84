import { z } from 'zod/mini';

// Every schema the background reaches is built with zod/mini (functional API, tree-shakable): classic
// zod is not tree-shakable and cost the worker bundle ~15 KB gzip (DESIGN.md §6). Import `z` from here,
// never from 'zod/mini' directly: classic zod installs English issue messages the first time a schema is
// built and zod/mini does not (its messages would all read "Invalid input"), so this module installs
// them, and being imported first, it runs before any schema exists. The setting lives on zod's global
// config, so messages are the same whichever flavour is loaded alongside.
//
// The messages are our own short map, worded as zod's English locale (zod/v4/locales/en.js) for the issue
// codes our schemas produce, rather than that whole locale with its format and sizing tables. A `custom`
// issue keeps its own message; a code not mapped reads "Invalid input", as in zod.
//
// Classic zod also installs its memoizer, which only gives recursive schemas (z.lazy, getters) cycle
// support and removes itself from any other schema on first parse. None of ours is recursive
// (test/unit/core/zodMini.test.ts checks), so the worker does without it (~1 KB gzip).

const quote = (value: unknown) =>
  typeof value === 'string' ? `"${value}"` : typeof value === 'bigint' ? `${value}n` : String(value);
const list = (values: readonly unknown[], separator: string) => values.map(quote).join(separator);

/** zod's parsedType: what the input is, as the message names it. */
function received(input: unknown): string {
  if (typeof input === 'number')
    return Number.isFinite(input) ? 'number' : Number.isNaN(input) ? 'NaN' : String(input);
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'object' && Object.getPrototypeOf(input) !== Object.prototype && input.constructor)
    return input.constructor.name;
  return typeof input;
}

const UNITS: Record<string, string> = {
  string: 'characters',
  array: 'items',
  set: 'items',
  map: 'entries',
  file: 'bytes',
};
/** The formats our schemas check (zod's English names); any other reads by its code. */
const FORMATS: Record<string, string> = { datetime: 'ISO datetime', date: 'ISO date', time: 'ISO time' };

function bound(origin: string | undefined, adj: string, value: number | bigint | Date): string {
  const unit = origin && UNITS[origin];
  return unit
    ? `expected ${origin} to have ${adj}${value} ${unit}`
    : `expected ${origin ?? 'value'} to be ${adj}${value}`;
}

const englishErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected === 'nan' ? 'NaN' : issue.expected}, received ${received(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Invalid input: expected ${quote(issue.values[0])}`
        : `Invalid option: expected one of ${list(issue.values, '|')}`;
    case 'too_big':
      return `Too big: ${bound(issue.origin, issue.exact ? 'exactly ' : issue.inclusive ? '<=' : '<', issue.maximum)}`;
    case 'too_small':
      return `Too small: ${bound(issue.origin, issue.exact ? 'exactly ' : issue.inclusive ? '>=' : '>', issue.minimum)}`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? `Invalid string: must match pattern ${issue.pattern}`
        : `Invalid ${FORMATS[issue.format] ?? issue.format}`;
    case 'not_multiple_of':
      return `Invalid number: must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${list(issue.keys, ', ')}`;
    case 'invalid_key':
      return `Invalid key in ${issue.origin}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      if (Array.isArray(options) && options.length > 0)
        return `Invalid discriminator value. Expected ${options.map((o) => `'${o}'`).join(' | ')}`;
      return issue.inclusive === false ? 'Invalid input: more than one option matched' : 'Invalid input';
    }
    case 'invalid_element':
      return `Invalid value in ${issue.origin}`;
    default:
      return undefined;
  }
};

if (!z.config().localeError) z.config({ localeError: englishErrors });
// MV3's CSP forbids eval in the worker and the extension's pages, so zod's compiled object parser can never
// be built there; without jitless zod still tries (`new Function`) when the first object schema is made,
// in the worker's first turn, and Chrome answers with a CSP violation report (issue 19: cold start).
z.config({ jitless: true });

export { z };
