import type { Cue } from '../engine/types';
import { cueMessages } from '../i18n/cueMessages';
import { createStoredKeyTranslator, type Locale } from '../i18n/translate';
import { formatDuration } from './formatDuration';
import { formatCount } from './formatNumber';

// Turns a stored cue (i18n keys + params) into text in one locale. Params named `…Sec` read as durations,
// `metric` as a metric name, other numbers with the locale's grouping (万 in Chinese).

export function renderParams(params: Cue['params'], locale: Locale): Record<string, string | number> {
  const translate = createStoredKeyTranslator(locale, cueMessages);
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
  const translate = createStoredKeyTranslator(locale, cueMessages);
  const params = renderParams(cue.params, locale);
  return { title: translate(cue.title, params), detail: translate(cue.detail, params) };
}
