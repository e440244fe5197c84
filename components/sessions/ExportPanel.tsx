import type { SessionsStore } from '../../lib/ui/sessions/sessionsStore';
import { useSessionsI18n } from '../common/i18nContext';

const FILE_LABELS = {
  samples: 'sessions.fileSamples',
  cues: 'sessions.fileCues',
  comments: 'sessions.fileComments',
  products: 'sessions.fileProducts',
  json: 'sessions.fileJson',
} as const;

/** Export of the chosen sessions as CSV (per second or per minute) or JSON, with progress and file links. */
export function ExportPanel({ store }: { store: SessionsStore }) {
  const { t } = useSessionsI18n();
  const nothingChosen = store.chosen.value.length === 0;
  const disabled = nothingChosen || store.busy.value !== null;
  const progress = store.exportProgress.value;
  const files = store.exportedFiles.value;
  return (
    <section class="export">
      <span class="export-label">{t('sessions.export')}</span>
      <button
        type="button"
        data-testid="export-csv-second"
        disabled={disabled}
        onClick={() => store.exportCsv('second')}
      >
        {t('sessions.exportCsvSecond')}
      </button>
      <button
        type="button"
        data-testid="export-csv-minute"
        disabled={disabled}
        onClick={() => store.exportCsv('minute')}
      >
        {t('sessions.exportCsvMinute')}
      </button>
      <button type="button" data-testid="export-json" disabled={disabled} onClick={() => store.exportJson()}>
        {t('sessions.exportJson')}
      </button>
      <label class="export-hide-users">
        <input
          type="checkbox"
          data-testid="export-hide-users"
          checked={store.settings.value.exportHideUsers}
          onChange={(event) => void store.setHideUsers(event.currentTarget.checked)}
        />
        {t('sessions.hideUsers')}
      </label>
      {progress ? (
        <div class="export-progress">
          <progress data-testid="export-progress" value={progress.done} max={Math.max(progress.total, 1)} />
          <span>{t('sessions.exporting', { done: progress.done, total: progress.total })}</span>
        </div>
      ) : null}
      {files.length > 0 ? (
        <p class="export-files" data-testid="export-files">
          {t('sessions.exported')}{' '}
          {files.map((file) => (
            <a key={file.url} href={file.url} download={file.name} data-testid={`export-file-${file.kind}`}>
              {t(FILE_LABELS[file.kind])}
            </a>
          ))}
        </p>
      ) : null}
    </section>
  );
}
