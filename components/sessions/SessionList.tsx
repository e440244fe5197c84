import type { SessionsStore } from '../../lib/ui/sessions/sessionsStore';
import { useSessionsI18n } from '../common/i18nContext';
import { SessionItem } from './SessionItem';

interface SessionListProps {
  store: SessionsStore;
  reviewUrl: (sessionId: string) => string;
}

/** The filtered sessions with their checkboxes, and a select-all for what is listed. */
export function SessionList({ store, reviewUrl }: SessionListProps) {
  const { t } = useSessionsI18n();
  const all = store.sessions.value;
  if (all === undefined) return <p data-testid="sessions-loading">{t('sessions.loading')}</p>;
  if (all.length === 0) return <p data-testid="sessions-empty">{t('sessions.empty')}</p>;
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
          {t('sessions.selectAll', { count: listed.length })}
        </label>
        <span data-testid="selected-count">
          {t('sessions.selected', { count: store.chosen.value.length })}
        </span>
      </div>
      {listed.length === 0 ? (
        <p data-testid="sessions-no-match">{t('sessions.noMatch')}</p>
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
