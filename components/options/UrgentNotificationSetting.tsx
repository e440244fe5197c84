import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../../lib/core/settings/settingsSchema';
import {
  notificationPermission,
  type PermissionGate,
} from '../../lib/ui/notifications/notificationPermission';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';

// Urgent cues as system notifications while the side panel is closed: off by default, and Chrome's
// permission is asked for only when the user turns it on.

interface UrgentNotificationSettingProps {
  settings: Settings;
  send: SendCommand;
  permission?: PermissionGate;
}

export function UrgentNotificationSetting({
  settings,
  send,
  permission = notificationPermission,
}: UrgentNotificationSettingProps) {
  const { t } = useI18n();
  const [granted, setGranted] = useState<boolean | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    Promise.resolve()
      .then(() => permission.has())
      .then(setGranted, () => setGranted(false));
  }, [permission, settings.notifyUrgent]);

  const save = async (notifyUrgent: boolean) => {
    const answer = await send({ type: 'settings.update', patch: { notifyUrgent } });
    setStatus(answer.ok ? t('form.saved') : t('error.command', { error: answer.error }));
    return answer.ok;
  };
  const turn = (on: boolean) => {
    if (!on) {
      void save(false).then(async (saved) => {
        if (saved) await permission.release();
      });
      return;
    }
    // Straight from the click, before any await: Chrome shows its prompt only in answer to a gesture.
    permission.request().then(
      async (ok) => {
        setGranted(ok);
        if (ok) await save(true);
        else setStatus(t('notifications.refused'));
      },
      (error: unknown) => setStatus(t('error.command', { error: String(error) })),
    );
  };

  return (
    <section class="notifications" data-testid="notification-settings">
      <h2>{t('notifications.title')}</h2>
      <div class="field">
        <label class="checkbox">
          <input
            type="checkbox"
            data-testid="notify-urgent-checkbox"
            checked={settings.notifyUrgent}
            onChange={(event) => turn(event.currentTarget.checked)}
          />
          {t('notifications.label')}
        </label>
      </div>
      <p class="muted">{t('notifications.help')}</p>
      {settings.notifyUrgent && granted === false && (
        <p class="error" role="alert" data-testid="notify-revoked">
          {t('notifications.revoked')}
        </p>
      )}
      {status && <p class="status">{status}</p>}
    </section>
  );
}
