import type { Cue } from '../engine/types';
import { cueMessages } from './cueMessages';
import { createTranslator, type Locale } from './translate';

// Turns a stored cue (i18n keys + params) into text in one locale. Params named `…Sec` read as durations,
// `metric` as a metric name, other numbers with the locale's grouping (万 in Chinese).

export function formatDuration(seconds: number, locale: Locale): string {
  const total = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (locale === 'zh-CN') {
    if (minutes === 0) return `${rest} 秒`;
    return rest === 0 ? `${minutes} 分钟` : `${minutes} 分 ${rest} 秒`;
  }
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export function formatCount(value: number, locale: Locale): string {
  if (locale === 'zh-CN') {
    if (Math.abs(value) >= 1e8) return `${trim(value / 1e8)}亿`;
    if (Math.abs(value) >= 1e4) return `${trim(value / 1e4)}万`;
    return String(value);
  }
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

const trim = (value: number) => String(Math.round(value * 100) / 100);

export function renderParams(params: Cue['params'], locale: Locale): Record<string, string | number> {
  const translate = createTranslator(locale, cueMessages);
  const rendered: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number') {
      if (name.endsWith('Sec')) rendered[name] = formatDuration(value, locale);
      else if (name.endsWith('Pct')) rendered[name] = value;
      else rendered[name] = formatCount(value, locale);
    } else if (name === 'metric') {
      rendered[name] = translate(`metric.${value}`);
    } else {
      rendered[name] = value;
    }
  }
  return rendered;
}

/** The cue's title and detail in `locale`; a missing key shows as the key itself, never blank. */
export function renderCueText(cue: Pick<Cue, 'title' | 'detail' | 'params'>, locale: Locale) {
  const translate = createTranslator(locale, cueMessages);
  const params = renderParams(cue.params, locale);
  return { title: translate(cue.title, params), detail: translate(cue.detail, params) };
}
