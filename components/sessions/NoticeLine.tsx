import type { SessionsMessageKey } from '../../lib/core/i18n/sessionsMessages';
import type { Translate } from '../../lib/core/i18n/translate';
import type { Notice } from '../../lib/ui/sessions/sessionsStore';
import { useSessionsI18n } from '../common/i18nContext';

function noticeText(notice: Notice, t: Translate<SessionsMessageKey>): string {
  switch (notice.kind) {
    case 'imported': {
      const { added, alreadyHere } = notice;
      const here =
        alreadyHere.samples +
        alreadyHere.comments +
        alreadyHere.actions +
        alreadyHere.cues +
        (alreadyHere.products ?? 0);
      const parts = [
        t('sessions.imported', { sessions: added.sessions, samples: added.samples, cues: added.cues }),
        ...(added.comments > 0 ? [t('sessions.importedComments', { comments: added.comments })] : []),
        ...((added.products ?? 0) > 0 ? [t('sessions.importedProducts', { rows: added.products ?? 0 })] : []),
        ...(here > 0 ? [t('sessions.importedAlreadyHere', { rows: here })] : []),
      ];
      return parts.join(' ');
    }
    case 'importFailed':
      return t('sessions.importFailed', { error: notice.error });
    case 'importTooLarge':
      return t('sessions.importTooLarge', { megabytes: notice.megabytes });
    case 'deleted':
      return t('sessions.deleted', { count: notice.count });
    case 'deleteFailed':
      return t('sessions.deleteFailed', { error: notice.error });
    case 'exportFailed':
      return t('sessions.exportFailed', { error: notice.error });
    case 'retentionSaved':
      return t('sessions.retentionSaved');
    case 'settingFailed':
      return t('sessions.settingFailed', { error: notice.error });
    case 'retentionFailed':
      return t('sessions.retentionFailed', { error: notice.error });
    case 'none':
      return '';
  }
}

const FAILURES = new Set<Notice['kind']>([
  'importFailed',
  'settingFailed',
  'importTooLarge',
  'deleteFailed',
  'exportFailed',
  'retentionFailed',
]);

/** The outcome of the last import, delete, export or save; failures are announced to screen readers. */
export function NoticeLine({ notice }: { notice: Notice }) {
  const { t } = useSessionsI18n();
  if (notice.kind === 'none') return null;
  const failed = FAILURES.has(notice.kind);
  return (
    <p
      class={failed ? 'notice notice-error' : 'notice'}
      role={failed ? 'alert' : 'status'}
      data-testid="sessions-notice"
      data-notice={notice.kind}
    >
      {noticeText(notice, t)}
    </p>
  );
}
