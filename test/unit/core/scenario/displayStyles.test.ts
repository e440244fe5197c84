import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetricText } from '../../../../lib/core/metrics/parseMetricText';
import {
  CAP_AT,
  DISPLAY_STYLES,
  type DisplayStyle,
  displayPrecision,
  shownValue,
  writeDisplayValue,
} from '../../../../lib/core/scenario/displayStyles';

describe('writeDisplayValue', () => {
  it('writes each style the way dashboards do', () => {
    expect(writeDisplayValue(12345, 'plain')).toBe('12345');
    expect(writeDisplayValue(12345, 'comma')).toBe('12,345');
    expect(writeDisplayValue(12345, 'wan')).toBe('1.23万');
    expect(writeDisplayValue(8532, 'wan')).toBe('8532');
    expect(writeDisplayValue(12345, 'w')).toBe('1.2w');
    expect(writeDisplayValue(12345, 'k')).toBe('12.3k');
    expect(writeDisplayValue(123456, 'capped')).toBe('10万+');
    expect(writeDisplayValue(99999, 'capped')).toBe('10万');
    expect(writeDisplayValue(12345.6, 'currency')).toBe('¥12,345.6');
    expect(writeDisplayValue(12345, 'currency-wan')).toBe('¥1.23万');
    expect(writeDisplayValue(0.125, 'percent')).toBe('12.5%');
    expect(writeDisplayValue(83, 'duration')).toBe('1分23秒');
    expect(writeDisplayValue(3723, 'duration')).toBe('1小时2分3秒');
    expect(writeDisplayValue(Number.NaN, 'comma')).toBe('--');
  });
});

const value = fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true });
const style = fc.constantFrom<DisplayStyle>(...DISPLAY_STYLES);

describe('parseMetricText properties', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const parsed = parseMetricText(text);
        if (parsed.ok) expect(Number.isFinite(parsed.value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on strings made of the characters dashboards use', () => {
    const chars = fc.constantFrom(...'0123456789.,:+-%‰¥$万亿千wWkKMm分秒hs元人 ：，．０１９—'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 16 }), (parts) => {
        const parsed = parseMetricText(parts.join(''));
        expect(parsed.ok ? Number.isFinite(parsed.value) : typeof parsed.reason).toBeTruthy();
      }),
      { numRuns: 3000 },
    );
  });

  it('reads back every display style within its precision', () => {
    fc.assert(
      fc.property(value, style, (v, s) => {
        const input = s === 'duration' ? Math.abs(v) : s === 'percent' ? v / 1e6 : v;
        const text = writeDisplayValue(input, s);
        const parsed = parseMetricText(text);
        expect(parsed.ok, `${s} ${input} → "${text}"`).toBe(true);
        if (!parsed.ok) return;
        if (s === 'capped' && input >= CAP_AT) {
          expect(parsed.capped).toBe(true);
          expect(parsed.value).toBeLessThanOrEqual(input);
        } else {
          expect(parsed.capped).toBe(false);
          const tolerance = displayPrecision(input, s) + Math.abs(input) * 1e-12;
          expect(Math.abs(parsed.value - input), `${s} ${input} → "${text}"`).toBeLessThanOrEqual(tolerance);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('shownValue', () => {
  it('is exactly what the reader parses from the text the style writes (property)', () => {
    fc.assert(
      fc.property(value, style, (v, s) => {
        const parsed = parseMetricText(writeDisplayValue(v, s));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(shownValue(v, s)).toBe(parsed.value);
      }),
      { numRuns: 2000 },
    );
    expect(shownValue(15_234, 'wan')).toBe(15_200);
    expect(shownValue(123_456, 'capped')).toBe(100_000);
    expect(shownValue(0.12345, 'percent')).toBe(0.1235);
  });
});
