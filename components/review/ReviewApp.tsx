import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { type LocaleSetting, resolveLocale } from '../../lib/core/i18n/translate';
import type { ReviewData } from '../../lib/ui/review/reviewQueries';
import { createUiI18n, I18nContext } from '../common/i18nContext';
import { ReviewView } from './ReviewView';

interface ReviewAppProps {
  data: ReadonlySignal<ReviewData | null | undefined>;
  localeSetting: ReadonlySignal<LocaleSetting>;
  browserLanguage?: string;
}

export function ReviewApp({
  data,
  localeSetting,
  browserLanguage = globalThis.navigator?.language,
}: ReviewAppProps) {
  const locale = resolveLocale(localeSetting.value, browserLanguage);
  const i18n = useMemo(() => createUiI18n(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('review.documentTitle');
  }, [locale]);
  return (
    <I18nContext.Provider value={i18n}>
      <ReviewView data={data.value} />
    </I18nContext.Provider>
  );
}
