import { describe, expect, it } from 'vitest';
import { formatClock } from '../../../../lib/core/format/formatClock';
import { formatMetricChange, formatMetricValue } from '../../../../lib/core/format/formatMetric';
import { visibleWindow } from '../../../../lib/ui/common/visibleWindow';
import { summariseHealth } from '../../../../lib/ui/panel/readerHealth';

describe('formatMetricValue', () => {
  it('writes large numbers with 万 in Chinese and k/M in English', () => {
    expect(formatMetricValue('viewers', 12_345, 'zh-CN')).toBe('1.2万');
    expect(formatMetricValue('viewers', 12_345, 'en')).toBe('12.3k');
    expect(formatMetricValue('gmv', 2_500_000, 'en')).toBe('¥2.5M');
    expect(formatMetricValue('viewers', 850, 'en')).toBe('850');
  });

  it('writes ratios as percentages, durations in minutes and seconds, caps with a plus', () => {
    expect(formatMetricValue('conversionRate', 0.125, 'en')).toBe('12.5%');
    expect(formatMetricValue('avgWatchSec', 83, 'zh-CN')).toBe('1分23秒');
    expect(formatMetricValue('avgWatchSec', 83, 'en')).toBe('1m 23s');
    expect(formatMetricValue('viewers', 100_000, 'zh-CN', true)).toBe('10万+');
  });

  it('shows an unreadable value as a dash, never 0', () => {
    expect(formatMetricValue('gmv', null, 'en')).toBe('—');
  });

  it('signs a change', () => {
    expect(formatMetricChange('viewers', -350, 'en')).toBe('-350');
    expect(formatMetricChange('gmv', 12_000, 'zh-CN')).toBe('+¥1.2万');
  });
});

it('summariseHealth counts what the reader found against what it looked for', () => {
  const summary = summariseHealth({
    parsed: ['viewers', 'gmv'],
    failed: [{ metric: 'likes', raw: '--', reason: 'not a number' }],
    missing: ['orders'],
  });
  expect(summary).toMatchObject({ parsed: 2, total: 4, missing: ['orders'] });
  expect(summary?.failed[0]?.raw).toBe('--');
  expect(summariseHealth(undefined)).toBeNull();
});

it('formatClock shows hours only when there are some', () => {
  expect(formatClock(3_723_000)).toBe('1:02:03');
  expect(formatClock(65_000)).toBe('1:05');
  expect(formatClock(-5)).toBe('0:00');
});

describe('visibleWindow', () => {
  it('renders only the rows on screen plus the overscan', () => {
    expect(visibleWindow(0, 100, 20, 1000, 2)).toEqual({ start: 0, end: 8 });
    expect(visibleWindow(2000, 100, 20, 1000, 2)).toEqual({ start: 98, end: 108 });
    expect(visibleWindow(1e9, 100, 20, 1000, 2)).toEqual({ start: 999, end: 1000 });
    expect(visibleWindow(0, 100, 20, 0)).toEqual({ start: 0, end: 0 });
  });
});
