import type { Signal } from '@preact/signals';
import type { PopupStore } from '../../lib/ui/popup/popupStore';
import { usePopupI18n } from '../common/i18nContext';

const bind = (target: Signal<string>) => (event: Event) => {
  target.value = (event.currentTarget as HTMLInputElement).value;
};

/** Search by room and filter by start date. */
export function SessionFilters({ store }: { store: PopupStore }) {
  const { t } = usePopupI18n();
  return (
    <div class="filters">
      <input
        type="search"
        data-testid="session-search"
        placeholder={t('popup.search')}
        aria-label={t('popup.search')}
        value={store.search.value}
        onInput={bind(store.search)}
      />
      <label>
        {t('popup.from')}{' '}
        <input
          type="date"
          data-testid="filter-from"
          value={store.fromDate.value}
          onInput={bind(store.fromDate)}
        />
      </label>
      <label>
        {t('popup.to')}{' '}
        <input type="date" data-testid="filter-to" value={store.toDate.value} onInput={bind(store.toDate)} />
      </label>
    </div>
  );
}
