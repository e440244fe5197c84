import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricId, MetricUnit } from '../../../../lib/core/metrics/metricCatalog';
import { parseMetricText } from '../../../../lib/core/metrics/parseMetricText';
import { checkPlausible } from '../../../../lib/core/metrics/plausibility';

// Numbers as the markets TikTok Shop sells in write them. The tables are examples; the properties check the
// rule against the locales' own formatting (Intl, i.e. CLDR), not against strings written for the test.

const read = (text: string, unit?: MetricUnit) => {
  const parsed = parseMetricText(text, unit);
  return parsed.ok ? parsed.value : parsed.reason;
};
const gate = (metric: MetricId, unit: MetricUnit, text: string) =>
  checkPlausible(metric, parseMetricText(text, unit), text);

describe('a group of three digits after one mark', () => {
  it.each([
    ['₫12.000', 'currency', 12000],
    ['12.000 ₫', 'currency', 12000],
    ['12.000đ', 'currency', 12000],
    ['Rp12.345.678', 'currency', 12345678],
    ['Rp 12.345', 'currency', 12345],
    ['€1.234', 'currency', 1234],
    ['$1,234', 'currency', 1234],
    ['฿1,234', 'currency', 1234],
    ['RM1,234.50', 'currency', 1234.5],
    ['₱1,234.50', 'currency', 1234.5],
    ['£1,234', 'currency', 1234],
    ['1,234円', 'currency', 1234],
    ['¥1,234.5', 'currency', 1234.5],
    ['1.234', 'people', 1234],
    ['1,234', 'people', 1234],
    ['1.234.567', 'likes', 1234567],
    ['1.234万', 'people', 12340],
    ['1,234万', 'people', 12340000],
    ['0.125', 'ratio', 0.125],
  ] as const)('%s as %s → %d', (text, unit, expected) => {
    expect(read(text, unit)).toBe(expected);
  });

  it('refuses a price whose locale never groups with that mark: three decimals are no price', () => {
    expect(read('¥1.234', 'currency')).toBe('ambiguous');
    expect(read('$1.234', 'currency')).toBe('ambiguous');
    expect(read('€1,234', 'currency')).toBe('ambiguous');
    expect(read('Rp1,234', 'currency')).toBe('ambiguous');
  });
});

describe('decimal commas, space groups, local multiplier words', () => {
  it.each([
    ['Rp12,3 jt', 'currency', 12_300_000],
    ['12,3 jt', 'people', 12_300_000],
    ['12,3 rb', 'people', 12_300],
    ['Rp1,5 M', 'currency', 1_500_000_000],
    ['Rp2 miliar', 'currency', 2_000_000_000],
    ['1,5 M', 'people', 1_500_000],
    ['1,5 Tr ₫', 'currency', 1_500_000],
    ['12,3 Mio. €', 'currency', 12_300_000],
    ['12.3J', 'people', 12_300_000],
    ['€12,50', 'currency', 12.5],
    ['1.234,56 €', 'currency', 1234.56],
    ['1\u202f234', 'people', 1234],
    ['1\u00a0234\u00a0567', 'people', 1234567],
    ['1 234', 'people', 1234],
    ['12\u202f345,67\u00a0€', 'currency', 12345.67],
    ['๑,๒๓๔', 'people', 1234],
  ] as const)('%s as %s → %d', (text, unit, expected) => {
    expect(read(text, unit)).toBe(expected);
  });

  it('refuses groups that are not of three, and a bare comma with no locale to say it is a decimal', () => {
    expect(read('12 34', 'people')).toBe('ambiguous');
    expect(read('1\u202f23', 'people')).toBe('ambiguous');
    expect(read('12,34')).toBe('ambiguous');
    expect(read('1.23.456', 'people')).toBe('ambiguous');
  });
});

describe('what is not a plain digit, and units of the wrong kind', () => {
  it('refuses superscripts, fractions and circled numbers with the raw text', () => {
    expect(parseMetricText('12³', 'people')).toEqual({ ok: false, reason: 'unparseable', raw: '12³' });
    expect(read('1½', 'people')).toBe('unparseable');
    expect(read('①', 'people')).toBe('unparseable');
    expect(read('10²人')).toBe('unparseable');
  });

  it('refuses a count of people as a watch time, a rate or money, with the raw text', () => {
    expect(parseMetricText('约1.2万人', 'seconds')).toEqual({
      ok: false,
      reason: 'unit-mismatch',
      raw: '约1.2万人',
    });
    expect(read('1.2万', 'seconds')).toBe('unit-mismatch');
    expect(read('1,234人', 'currency')).toBe('unit-mismatch');
    expect(read('12次', 'ratio')).toBe('unit-mismatch');
    expect(read('Rp12.000', 'people')).toBe('unit-mismatch');
    // Still read where they fit.
    expect(read('约1.2万人', 'people')).toBe(12000);
    expect(read('1分23秒', 'seconds')).toBe(83);
  });

  it('keeps counts whole: a fractional count is refused by the gate', () => {
    expect(gate('viewers', 'people', '12.5')).toEqual({ ok: false, reason: 'implausible', raw: '12.5' });
    expect(gate('orders', 'orders', '1.23456万')).toMatchObject({ ok: false, reason: 'implausible' });
    expect(gate('viewers', 'people', '1.2345万')).toMatchObject({ ok: true, value: 12345 });
    expect(gate('gmv', 'currency', '¥12.5')).toMatchObject({ ok: true, value: 12.5 });
  });
});

/** The markets' own formatting of money. */
const MONEY_LOCALES: [string, string][] = [
  ['id-ID', 'IDR'],
  ['vi-VN', 'VND'],
  ['th-TH', 'THB'],
  ['ms-MY', 'MYR'],
  ['fil-PH', 'PHP'],
  ['en-GB', 'GBP'],
  ['en-US', 'USD'],
  ['en-SG', 'SGD'],
  ['ja-JP', 'JPY'],
  ['zh-CN', 'CNY'],
  ['de-DE', 'EUR'],
  ['fr-FR', 'EUR'],
  ['es-ES', 'EUR'],
  ['it-IT', 'EUR'],
];
const COUNT_LOCALES = [...new Set(MONEY_LOCALES.map(([l]) => l)), 'pl-PL', 'pt-BR', 'nl-NL', 'zh-TW'];

describe('properties: every locale formats, the parser reads back', () => {
  it('reads any amount as the market writes it, to the currency’s own minor unit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MONEY_LOCALES),
        fc.integer({ min: 0, max: 99_999_999_999 }),
        ([locale, currency], minor) => {
          const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
          const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
          const amount = minor / 10 ** digits;
          const text = format.format(amount);
          expect(read(text, 'currency'), text).toBe(amount);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('reads any whole count as each locale writes it, grouped or not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COUNT_LOCALES),
        fc.integer({ min: 0, max: 999_999_999_999 }),
        (locale, n) => {
          const text = new Intl.NumberFormat(locale).format(n);
          expect(read(text, 'people'), text).toBe(n);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('reads the compact forms (12,3 jt · 12.3K · 1.2万) to within the shown precision', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COUNT_LOCALES),
        fc.integer({ min: 1000, max: 999_000_000 }),
        (locale, n) => {
          const format = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
          const text = format.format(n);
          const parsed = read(text, 'people');
          // Compact text is rounded: it must read back to what it shows, which is within 5 % of n.
          expect(typeof parsed, text).toBe('number');
          expect(Math.abs((parsed as number) - n) / n, text).toBeLessThan(0.05);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('never reads a number that has a superscript or fraction sign in it', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.constantFrom('¹', '²', '³', '⁴', '½', '¼', '①', 'Ⅻ'),
        fc.boolean(),
        (n, sign, before) => {
          const text = before ? `${sign}${n}` : `${n}${sign}`;
          expect(parseMetricText(text, 'people').ok, text).toBe(false);
        },
      ),
    );
  });

  it('never throws, and never returns a non-finite value, on any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789.,  \u202f¥$€₫Rp万kM%人-'.split('')) }),
        fc.constantFrom<MetricUnit | undefined>(undefined, 'people', 'currency', 'ratio', 'seconds'),
        (text, unit) => {
          const parsed = parseMetricText(text, unit);
          if (parsed.ok) expect(Number.isFinite(parsed.value)).toBe(true);
          else expect(parsed.raw).toBe(text);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
