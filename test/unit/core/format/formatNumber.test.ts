import { expect, it } from 'vitest';
import { formatBytes, formatCompact, formatCount } from '../../../../lib/core/format/formatNumber';

it('rounds a tile number to what a glance needs and a sentence number to two places', () => {
  expect(formatCompact(12_345, 'zh-CN')).toBe('1.2万');
  expect(formatCount(12_345, 'zh-CN')).toBe('1.23万');
  expect(formatCompact(12_345, 'en')).toBe('12.3k');
  expect(formatCount(12_345, 'en')).toBe('12,345');
  expect(formatCount(250_000_000, 'zh-CN')).toBe('2.5亿');
});

it('writes storage sizes in binary units', () => {
  expect(formatBytes(512)).toBe('512 B');
  expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  expect(formatBytes(61 * 1024 * 1024)).toBe('61 MB');
});
