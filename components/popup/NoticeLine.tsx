import type { PopupMessageKey } from '../../lib/core/i18n/popupMessages';
import type { Translate } from '../../lib/core/i18n/translate';
import type { Notice } from '../../lib/ui/popup/popupStore';
import { usePopupI18n } from '../common/i18nContext';

function noticeText(notice: Notice, t: Translate<PopupMessageKey>): string {
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
        t('popup.imported', { sessions: added.sessions, samples: added.samples, cues: added.cues }),
        ...(added.comments > 0 ? [t('popup.importedComments', { comments: added.comments })] : []),
        ...((added.products ?? 0) > 0 ? [t('popup.importedProducts', { rows: added.products ?? 0 })] : []),
        ...(here > 0 ? [t('popup.importedAlreadyHere', { rows: here })] : []),
      ];
      return parts.join(' ');
    }
    case 'importFailed':
      return t('popup.importFailed', { error: notice.error });
    case 'importTooLarge':
      return t('popup.importTooLarge', { megabytes: notice.megabytes });
    case 'deleted':
      return t('popup.deleted', { count: notice.count });
    case 'deleteFailed':
      return t('popup.deleteFailed', { error: notice.error });
    case 'exportFailed':
      return t('popup.exportFailed', { error: notice.error });
    case 'retentionSaved':
      return t('popup.retentionSaved');
    case 'settingFailed':
      return t('popup.settingFailed', { error: notice.error });
    case 'retentionFailed':
      return t('popup.retentionFailed', { error: notice.error });
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
  const { t } = usePopupI18n();
  if (notice.kind === 'none') return null;
  const failed = FAILURES.has(notice.kind);
  return (
    <p
      class={failed ? 'notice notice-error' : 'notice'}
      role={failed ? 'alert' : 'status'}
      data-testid="popup-notice"
      data-notice={notice.kind}
    >
      {noticeText(notice, t)}
    </p>
  );
}
