import type { SessionsStore } from '../../lib/ui/sessions/sessionsStore';
import { useSessionsI18n } from '../common/i18nContext';

/** Import of an export file: read here, validated and written by the background. */
export function ImportButton({ store }: { store: SessionsStore }) {
  const { t } = useSessionsI18n();
  const onChange = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    // Cleared so choosing the same file again (after a fix) fires change again.
    input.value = '';
    await store.importJson(text);
  };
  return (
    <label class="import">
      <span class="button-like">
        {store.busy.value === 'import' ? t('sessions.importing') : t('sessions.import')}
      </span>
      <input
        type="file"
        accept=".json,application/json"
        data-testid="import-file"
        disabled={store.busy.value !== null}
        onChange={onChange}
      />
    </label>
  );
}
