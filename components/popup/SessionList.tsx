import type { PopupStore } from '../../lib/ui/popup/popupStore';
import { usePopupI18n } from '../common/i18nContext';
import { SessionItem } from './SessionItem';

interface SessionListProps {
  store: PopupStore;
  reviewUrl: (sessionId: string) => string;
}

/** The filtered sessions with their checkboxes, and a select-all for what is listed. */
export function SessionList({ store, reviewUrl }: SessionListProps) {
  const { t } = usePopupI18n();
  const all = store.sessions.value;
  if (all === undefined) return <p data-testid="sessions-loading">{t('popup.loading')}</p>;
  if (all.length === 0) return <p data-testid="sessions-empty">{t('popup.empty')}</p>;
  const listed = store.visible.value;
  const selected = store.selected.value;
  const allChosen = listed.length > 0 && listed.every((session) => selected.has(session.id));
  return (
    <section class="sessions">
      <div class="select-bar">
        <label>
          <input
            type="checkbox"
            data-testid="select-all"
            checked={allChosen}
            onChange={() => store.toggleAll()}
          />{' '}
          {t('popup.selectAll', { count: listed.length })}
        </label>
        <span data-testid="selected-count">{t('popup.selected', { count: store.chosen.value.length })}</span>
      </div>
      {listed.length === 0 ? (
        <p data-testid="sessions-no-match">{t('popup.noMatch')}</p>
      ) : (
        <ul class="session-list" data-testid="session-list">
          {listed.map((session) => (
            <SessionItem
              key={session.id}
              session={session}
              selected={selected.has(session.id)}
              onToggle={store.toggle}
              reviewUrl={reviewUrl}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
