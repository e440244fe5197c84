import type { ReadonlySignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { resolveLocale } from '../../lib/core/i18n/translate';
import type { Settings } from '../../lib/core/settings/settingsSchema';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { createUiI18n, I18nContext } from '../common/i18nContext';
import { OptionsView } from './OptionsView';

interface OptionsAppProps {
  settings: ReadonlySignal<Settings | undefined>;
  send: SendCommand;
  browserLanguage?: string;
}

export function OptionsApp({
  settings,
  send,
  browserLanguage = globalThis.navigator?.language,
}: OptionsAppProps) {
  const current = settings.value;
  const locale = resolveLocale(current?.locale ?? 'auto', browserLanguage);
  const i18n = useMemo(() => createUiI18n(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('options.documentTitle');
  }, [locale]);
  return (
    <I18nContext.Provider value={i18n}>
      {current ? <OptionsView settings={current} send={send} /> : <main class="options" aria-busy="true" />}
    </I18nContext.Provider>
  );
}
