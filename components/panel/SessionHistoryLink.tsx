import { SESSIONS_PAGE } from '../../lib/core/extensionPages';
import { useI18n } from '../common/i18nContext';

// The way from the side panel to the session history (list, export, import, delete): the toolbar button
// opens the panel, so the sessions page opens from here, in a tab of its own.

export function SessionHistoryLink() {
  const { t } = useI18n();
  return (
    <a href={SESSIONS_PAGE} target="_blank" rel="noreferrer" data-testid="link-sessions">
      {t('link.sessions')}
    </a>
  );
}
