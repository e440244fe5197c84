import type { PopupStore } from '../../lib/ui/popup/popupStore';
import { usePopupI18n } from '../common/i18nContext';

/** Delete of the chosen sessions, asked twice: the data cannot come back. */
export function DeleteSessions({ store }: { store: PopupStore }) {
  const { t } = usePopupI18n();
  const count = store.chosen.value.length;
  if (store.confirmingDelete.value && count > 0) {
    return (
      <div class="delete-confirm" role="alertdialog" data-testid="delete-confirmation">
        <p>{t('popup.deleteConfirm', { count })}</p>
        <button
          type="button"
          class="danger"
          data-testid="delete-confirm"
          onClick={() => store.deleteChosen()}
        >
          {t('popup.deleteYes')}
        </button>
        <button
          type="button"
          data-testid="delete-cancel"
          onClick={() => {
            store.confirmingDelete.value = false;
          }}
        >
          {t('popup.cancel')}
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
      {t('popup.delete')}
    </button>
  );
}
