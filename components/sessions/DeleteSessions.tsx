import type { SessionsStore } from '../../lib/ui/sessions/sessionsStore';
import { useSessionsI18n } from '../common/i18nContext';

/** Delete of the chosen sessions, asked twice: the data cannot come back. */
export function DeleteSessions({ store }: { store: SessionsStore }) {
  const { t } = useSessionsI18n();
  const count = store.chosen.value.length;
  if (store.confirmingDelete.value && count > 0) {
    return (
      <div class="delete-confirm" role="alertdialog" data-testid="delete-confirmation">
        <p>{t('sessions.deleteConfirm', { count })}</p>
        <button
          type="button"
          class="danger"
          data-testid="delete-confirm"
          onClick={() => store.deleteChosen()}
        >
          {t('sessions.deleteYes')}
        </button>
        <button
          type="button"
          data-testid="delete-cancel"
          onClick={() => {
            store.confirmingDelete.value = false;
          }}
        >
          {t('sessions.cancel')}
        </button>
      </div>
    );
  }
  return (
    <button
      type="button"
      data-testid="delete-sessions"
      disabled={count === 0 || store.busy.value !== null}
      onClick={() => {
        store.confirmingDelete.value = true;
      }}
    >
      {t('sessions.delete')}
    </button>
  );
}
