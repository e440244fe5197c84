import type { Signal } from '@preact/signals';
import type { SessionsStore } from '../../lib/ui/sessions/sessionsStore';
import { useSessionsI18n } from '../common/i18nContext';

const bind = (target: Signal<string>) => (event: Event) => {
  target.value = (event.currentTarget as HTMLInputElement).value;
};

/** Search by room and filter by start date. */
export function SessionFilters({ store }: { store: SessionsStore }) {
  const { t } = useSessionsI18n();
  return (
    <div class="filters">
      <input
        type="search"
        data-testid="session-search"
        placeholder={t('sessions.search')}
        aria-label={t('sessions.search')}
        value={store.search.value}
        onInput={bind(store.search)}
      />
      <label>
        {t('sessions.from')}{' '}
        <input
          type="date"
          data-testid="filter-from"
          value={store.fromDate.value}
          onInput={bind(store.fromDate)}
        />
      </label>
      <label>
        {t('sessions.to')}{' '}
        <input type="date" data-testid="filter-to" value={store.toDate.value} onInput={bind(store.toDate)} />
      </label>
    </div>
  );
}
