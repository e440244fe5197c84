import type { WriteWarning } from '../../lib/ui/panel/writeStatus';
import { useI18n } from '../common/i18nContext';

// One-line notices every layout shows: a failing disk or an unreachable worker, the last command's
// error, and the live region that reads new cues aloud.

export function WriteWarningBanner({ warning }: { warning: WriteWarning }) {
  const { t } = useI18n();
  if (warning.kind === 'none') return null;
  return (
    <p class="write-warning" role="alert" data-testid="write-warning">
      {t(warning.kind === 'failing' ? 'warning.writeFailing' : 'warning.unreachable', {
        error: warning.error,
      })}
    </p>
  );
}

export function CommandError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p class="action-error" role="alert" data-testid="action-error">
      {error}
    </p>
  );
}

export function CueAnnouncer({ text }: { text: string }) {
  return (
    <p class="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="cue-announcer">
      {text}
    </p>
  );
}
