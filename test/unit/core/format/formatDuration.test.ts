import { expect, it } from 'vitest';
import { formatDuration } from '../../../../lib/core/format/formatDuration';

it('writes a span in a sentence with spaces, and on a tile compactly, in both languages', () => {
  expect(formatDuration(83, 'zh-CN')).toBe('1 分 23 秒');
  expect(formatDuration(120, 'zh-CN')).toBe('2 分钟');
  expect(formatDuration(83, 'en')).toBe('1 min 23 s');
  expect(formatDuration(83, 'zh-CN', 'compact')).toBe('1分23秒');
  expect(formatDuration(83, 'en', 'compact')).toBe('1m 23s');
  expect(formatDuration(9, 'en', 'compact')).toBe('9s');
});

it('never reads a negative span aloud, but shows its sign on a tile', () => {
  expect(formatDuration(-5, 'en')).toBe('0 s');
  expect(formatDuration(-65, 'en', 'compact')).toBe('-1m 5s');
});
