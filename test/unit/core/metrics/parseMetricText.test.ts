import { describe, expect, it } from 'vitest';
import { parseMetricText } from '../../../../lib/core/metrics/parseMetricText';

const value = (text: string, unit?: Parameters<typeof parseMetricText>[1]) => {
  const parsed = parseMetricText(text, unit);
  if (!parsed.ok) throw new Error(`expected "${text}" to parse, got ${parsed.reason}`);
  return parsed.value;
};
const reason = (text: string, unit?: Parameters<typeof parseMetricText>[1]) => {
  const parsed = parseMetricText(text, unit);
  return parsed.ok ? `parsed as ${parsed.value}` : parsed.reason;
};

describe('parseMetricText', () => {
  it('reads plain and grouped numbers', () => {
    expect(value('1927')).toBe(1927);
    expect(value('12,345')).toBe(12345);
    expect(value('1,234,567.89')).toBe(1234567.89);
    expect(value(' 0 ')).toBe(0);
    expect(value('1.234.567')).toBe(1234567);
  });

  it('scales 万 亿 千 w W k K M B', () => {
    expect(value('1.2万')).toBe(12000);
    expect(value('1.15万')).toBe(11500);
    expect(value('3.5w')).toBe(35000);
    expect(value('3.5W')).toBe(35000);
    expect(value('2.1亿')).toBe(210000000);
    expect(value('5千')).toBe(5000);
    expect(value('12.3k')).toBe(12300);
    expect(value('$1.2K')).toBe(1200);
    expect(value('4.5M')).toBe(4500000);
    expect(value('1.1B')).toBe(1100000000);
  });

  it('keeps capped values as a lower bound with a flag', () => {
    expect(parseMetricText('10万+')).toEqual({ ok: true, value: 100000, capped: true });
    expect(parseMetricText('1w+')).toEqual({ ok: true, value: 10000, capped: true });
    expect(parseMetricText('999+')).toEqual({ ok: true, value: 999, capped: true });
    expect(parseMetricText('1.2万')).toEqual({ ok: true, value: 12000, capped: false });
  });

  it('reads currency with ¥ ￥ $ and 元', () => {
    expect(value('¥1,234.5')).toBe(1234.5);
    expect(value('￥1,234.5')).toBe(1234.5);
    expect(value('$4,087.01')).toBe(4087.01);
    expect(value('7,530.73元')).toBe(7530.73);
    expect(value('¥1.2万')).toBe(12000);
    expect(value('1.2万元')).toBe(12000);
    expect(value('¥ 12,345.6', 'currency')).toBe(12345.6);
  });

  it('reads negatives', () => {
    expect(value('-12')).toBe(-12);
    expect(value('−3.5%')).toBe(-0.035);
    expect(value('-¥12.5')).toBe(-12.5);
    expect(value('¥-12.5')).toBe(-12.5);
  });

  it('reads percent and per-mille as fractions', () => {
    expect(value('12.5%')).toBe(0.125);
    expect(value('12.5‰')).toBe(0.0125);
    expect(value('12.5％')).toBe(0.125);
    expect(value('0.125', 'ratio')).toBe(0.125);
  });

  it('reads durations as seconds', () => {
    expect(value('1分23秒')).toBe(83);
    expect(value('2分钟')).toBe(120);
    expect(value('1小时2分3秒')).toBe(3723);
    expect(value('01:23')).toBe(83);
    expect(value('1:02:03')).toBe(3723);
    expect(value('1h2m')).toBe(3720);
    expect(value('1m 23s')).toBe(83);
    expect(value('83秒')).toBe(83);
    expect(value('83s')).toBe(83);
    expect(value('1:23', 'seconds')).toBe(83);
    expect(value('5m', 'seconds')).toBe(300);
    expect(value('83', 'seconds')).toBe(83);
  });

  it('reads fullwidth digits and punctuation', () => {
    expect(value('１２，３４５')).toBe(12345);
    expect(value('１．２万')).toBe(12000);
    expect(value('０１：２３')).toBe(83);
  });

  it('reads numbers glued to words', () => {
    expect(value('1927在线观众')).toBe(1927);
    expect(value('实时观看人数 1,927人')).toBe(1927);
    expect(value('1,927 Viewers')).toBe(1927);
    expect(value('约1.2万人')).toBe(12000);
  });

  it('reports blanks and placeholders instead of a number', () => {
    for (const text of ['', '   ', '\u3000']) expect(reason(text)).toBe('empty');
    for (const text of ['--', '-', '—', 'N/A', 'n/a', '暂无', '¥--', '--%', '－－'])
      expect(reason(text)).toBe('dash');
    expect(reason('好看！')).toBe('unparseable');
    // A hyphenated word is text: TikTok's "Non-followers" beside a "New followers" legend is no placeholder.
    expect(reason('Non-followers')).toBe('unparseable');
    expect(reason('--.--')).toBe('dash');
    expect(parseMetricText('--')).toEqual({ ok: false, reason: 'dash', raw: '--' });
  });

  it('refuses text that does not hold exactly one clear number', () => {
    expect(reason('1,927 较昨日 +5%')).toBe('ambiguous');
    expect(reason('2024-01-02')).toBe('ambiguous');
    expect(reason('<1%')).toBe('ambiguous');
    expect(reason('12,34')).toBe('ambiguous');
    expect(reason('1:234')).toBe('unparseable');
    expect(reason('9'.repeat(400))).toBe('unparseable');
  });

  it('lets the unit reject numbers of the wrong kind', () => {
    expect(reason('12%', 'people')).toBe('unit-mismatch');
    expect(reason('+12%', 'people')).toBe('change');
    expect(reason('¥12', 'people')).toBe('unit-mismatch');
    expect(reason('12.5', 'ratio')).toBe('unit-mismatch');
    expect(reason('¥0.5', 'ratio')).toBe('unit-mismatch');
    expect(reason('01:23', 'people')).toBe('unit-mismatch');
    expect(reason('1分23秒', 'currency')).toBe('unit-mismatch');
    expect(value('5m', 'people')).toBe(5000000);
  });

  it('never throws on odd input', () => {
    expect(reason(undefined as unknown as string)).toBe('empty');
    expect(reason(null as unknown as string)).toBe('empty');
  });
});

describe('parseMetricText on the formats of real dashboards', () => {
  it('reads 万亿, a leading decimal point and the capped forms 以上 / 超', () => {
    expect(value('1.2万亿')).toBe(1.2e12);
    expect(value('.5%')).toBe(0.005);
    expect(value('.5%', 'ratio')).toBe(0.005);
    expect(parseMetricText('10万以上')).toEqual({ ok: true, value: 100000, capped: true });
    expect(parseMetricText('超10万')).toEqual({ ok: true, value: 100000, capped: true });
    expect(parseMetricText('超过1,000人')).toEqual({ ok: true, value: 1000, capped: true });
  });

  it('reads the durations TikTok writes', () => {
    expect(value('3 hr, 11 min, 17 sec', 'seconds')).toBe(3 * 3600 + 11 * 60 + 17);
    expect(value('1h1m37s', 'seconds')).toBe(3697);
    expect(value('1m42s', 'seconds')).toBe(102);
    expect(value('11s', 'seconds')).toBe(11);
    expect(reason('1m42s', 'currency')).toBe('unit-mismatch');
  });

  it('refuses a multiplier word it does not know, rather than a value 10⁴ off', () => {
    expect(reason('12 pcs')).toBe('unknown-unit');
    expect(reason('1.2 million')).toBe('unknown-unit');
    expect(reason('12 kg')).toBe('unknown-unit');
    expect(parseMetricText('12 kg', 'currency')).toEqual({ ok: false, reason: 'unknown-unit', raw: '12 kg' });
  });

  it('refuses a number inside other words: a rank, a model name', () => {
    expect(reason('Top 3')).toBe('unparseable');
    expect(reason('iPhone 15')).toBe('unparseable');
    expect(reason('第3名')).toBe('unparseable');
    // The metric's own label beside the number is fine.
    expect(value('GMV ($) 4,348.11', 'currency')).toBe(4348.11);
    expect(value('30,696人进入直播间', 'people')).toBe(30696);
  });
});
