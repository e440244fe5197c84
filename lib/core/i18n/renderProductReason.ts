import { formatDuration } from '../format/formatDuration';
import { formatCount } from '../format/formatNumber';
import type { ProductReason } from '../products/rankProducts';
import { productMessages } from './productMessages';
import { createTranslator, type Locale } from './translate';

// A ranked product's one-line reason in one locale: `…Sec` params read as durations, `…Pct` and `perMin`
// as they are, other numbers (a price too, since the currency is the page's) with the locale's grouping.

export function renderProductReason(reason: ProductReason, locale: Locale): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(reason.params)) {
    if (typeof value !== 'number') params[name] = value;
    else if (name.endsWith('Sec')) params[name] = formatDuration(value, locale);
    else if (name.endsWith('Pct') || name === 'perMin') params[name] = value;
    else params[name] = formatCount(value, locale);
  }
  return createTranslator(locale, productMessages)(reason.key, params);
}
