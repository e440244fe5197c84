import { useEffect, useMemo } from 'preact/hooks';
import { resolveLocale } from '../../lib/core/i18n/translate';
import type { PanelState } from '../../lib/ui/panel/panelStore';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { createUiI18n, I18nContext } from '../common/i18nContext';
import { PanelView } from './PanelView';

// The side panel with its language: the settings' locale, or the browser's when set to auto.

interface PanelAppProps {
  state: PanelState;
  send: SendCommand;
  browserLanguage?: string;
}

export function PanelApp({ state, send, browserLanguage = globalThis.navigator?.language }: PanelAppProps) {
  const locale = resolveLocale(state.settings.value.locale, browserLanguage);
  const i18n = useMemo(() => createUiI18n(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('panel.documentTitle');
  }, [locale]);
  return (
    <I18nContext.Provider value={i18n}>
      <PanelView state={state} send={send} />
    </I18nContext.Provider>
  );
}
