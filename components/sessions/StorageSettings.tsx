import { useState } from 'preact/hooks';
import { formatStart } from '../../lib/core/format/formatClock';
import { formatBytes } from '../../lib/core/format/formatNumber';
import type { SessionsStore } from '../../lib/ui/sessions/sessionsStore';
import { useSessionsI18n } from '../common/i18nContext';

/** How long history is kept (a setting the background applies) and how much space it takes. */
export function StorageSettings({ store }: { store: SessionsStore }) {
  const { t } = useSessionsI18n();
  const saved = store.settings.value.retentionDays;
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? String(saved);
  const days = Number(value);
  const valid = Number.isInteger(days) && days >= 1 && days <= 3650;
  const storage = store.storage.value;
  const removed = store.retention.value;
  return (
    <section class="storage">
      <form
        class="retention"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!valid) return;
          await store.saveRetention(days);
          setDraft(null);
        }}
      >
        <label>
          {t('sessions.retention')}{' '}
          <input
            type="number"
            min={1}
            max={3650}
            step={1}
            data-testid="retention-days"
            value={value}
            onInput={(event) => setDraft((event.currentTarget as HTMLInputElement).value)}
          />{' '}
          {t('sessions.retentionDays')}
        </label>{' '}
        <button type="submit" data-testid="retention-save" disabled={!valid || days === saved}>
          {t('sessions.retentionSave')}
        </button>
      </form>
      {removed && (
        <p data-testid="retention-removed" role="status">
          {t('sessions.retentionRemoved', {
            count: removed.count,
            days: removed.keepDays,
            at: formatStart(removed.at),
            titles: removed.sessions
              .map((s) => `${s.title || s.id} (${formatStart(s.startedAt)})`)
              .join(', '),
          })}
        </p>
      )}
      {storage === undefined ? null : (
        <p data-testid="storage-used">
          {storage
            ? t('sessions.storage', { usage: formatBytes(storage.usage), quota: formatBytes(storage.quota) })
            : t('sessions.storageUnknown')}
        </p>
      )}
    </section>
  );
}
