import { useEffect, useMemo } from 'preact/hooks';
import { resolveLocale } from '../../lib/core/i18n/translate';
import type { SessionsStore } from '../../lib/ui/sessions/sessionsStore';
import { createSessionsI18n, SessionsI18nContext } from '../common/i18nContext';
import { DeleteSessions } from './DeleteSessions';
import { ExportPanel } from './ExportPanel';
import { ImportButton } from './ImportButton';
import { NoticeLine } from './NoticeLine';
import { SessionFilters } from './SessionFilters';
import { SessionList } from './SessionList';
import { StorageSettings } from './StorageSettings';

interface SessionsAppProps {
  store: SessionsStore;
  reviewUrl: (sessionId: string) => string;
  openSidePanel: () => void;
  browserLanguage?: string;
}

/** The sessions page: session history with export, import, delete and retention. */
export function SessionsApp({
  store,
  reviewUrl,
  openSidePanel,
  browserLanguage = globalThis.navigator?.language,
}: SessionsAppProps) {
  const locale = resolveLocale(store.settings.value.locale, browserLanguage);
  const i18n = useMemo(() => createSessionsI18n(locale), [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('sessions.documentTitle');
  }, [locale]);
  useEffect(() => {
    void store.refreshStorage();
  }, [store]);
  const { t } = i18n;
  return (
    <SessionsI18nContext.Provider value={i18n}>
      <main class="sessions-page" data-testid="sessions-page">
        <header class="sessions-header">
          <h1>{t('sessions.heading')}</h1>
          <button type="button" data-testid="open-side-panel" onClick={openSidePanel}>
            {t('sessions.openSidePanel')}
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
    </SessionsI18nContext.Provider>
  );
}
