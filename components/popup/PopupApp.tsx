import { useEffect, useMemo } from 'preact/hooks';
import { resolveLocale } from '../../lib/core/i18n/translate';
import type { PopupStore } from '../../lib/ui/popup/popupStore';
import { createPopupI18n, PopupI18nContext } from '../common/i18nContext';
import { DeleteSessions } from './DeleteSessions';
import { ExportPanel } from './ExportPanel';
import { ImportButton } from './ImportButton';
import { NoticeLine } from './NoticeLine';
import { SessionFilters } from './SessionFilters';
import { SessionList } from './SessionList';
import { StorageSettings } from './StorageSettings';

interface PopupAppProps {
  store: PopupStore;
  reviewUrl: (sessionId: string) => string;
  openSidePanel: () => void;
  browserLanguage?: string;
}

/** The toolbar popup: session history with export, import, delete and retention. */
export function PopupApp({
  store,
  reviewUrl,
  openSidePanel,
  browserLanguage = globalThis.navigator?.language,
}: PopupAppProps) {
  const locale = resolveLocale(store.settings.value.locale, browserLanguage);
  const i18n = useMemo(() => createPopupI18n(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('popup.documentTitle');
  }, [locale]);
  useEffect(() => {
    void store.refreshStorage();
  }, [store]);
  const { t } = i18n;
  return (
    <PopupI18nContext.Provider value={i18n}>
      <main class="popup" data-testid="popup">
        <header class="popup-header">
          <h1>{t('popup.heading')}</h1>
          <button type="button" data-testid="open-side-panel" onClick={openSidePanel}>
            {t('popup.openSidePanel')}
          </button>
        </header>
        <SessionFilters store={store} />
        <SessionList store={store} reviewUrl={reviewUrl} />
        <div class="actions">
          <ExportPanel store={store} />
          <div class="manage">
            <ImportButton store={store} />
            <DeleteSessions store={store} />
          </div>
        </div>
        <NoticeLine notice={store.notice.value} />
        <StorageSettings store={store} />
      </main>
    </PopupI18nContext.Provider>
  );
}
