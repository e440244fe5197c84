import type { Locale } from '../i18n/translate';

// Spans of time people read, in two registers: `text` inside a sentence ("1 分 23 秒", "1 min 23 s") and
// `compact` on a tile ("1分23秒", "1m 23s").

export type DurationStyle = 'text' | 'compact';

export function formatDuration(seconds: number, locale: Locale, style: DurationStyle = 'text'): string {
  const total = Math.round(Math.abs(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (style === 'compact') {
    const sign = seconds < 0 ? '-' : '';
    if (locale === 'zh-CN') return minutes > 0 ? `${sign}${minutes}分${rest}秒` : `${sign}${rest}秒`;
    return minutes > 0 ? `${sign}${minutes}m ${rest}s` : `${sign}${rest}s`;
  }
  // In a sentence a span is never negative: it reads as how long, from zero.
  const spoken = seconds < 0 ? 0 : total;
  const m = Math.floor(spoken / 60);
  const s = spoken % 60;
  if (locale === 'zh-CN') {
    if (m === 0) return `${s} 秒`;
    return s === 0 ? `${m} 分钟` : `${m} 分 ${s} 秒`;
  }
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}
