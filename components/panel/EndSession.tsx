import { useState } from 'preact/hooks';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';

// The operator ends the session by hand (the live is over but the page still shows numbers, or the next
// show should start fresh). Asked once more before it happens: an end cannot be undone from the panel.

interface EndSessionProps {
  sessionId: string;
  send: SendCommand;
}

export function EndSession({ sessionId, send }: EndSessionProps) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const end = async () => {
    setBusy(true);
    const result = await send({ type: 'session.end', sessionId });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) setMessage(t('error.command', { error: result.error }));
    else setMessage(result.data.saved ? null : t('session.endSaving'));
  };

  return (
    <div class="end-session" data-testid="end-session">
      {confirming ? (
        <>
          <span>{t('session.endConfirm')}</span>
          <button type="button" data-testid="end-session-confirm" disabled={busy} onClick={() => void end()}>
            {t('session.endYes')}
          </button>
          <button
            type="button"
            data-testid="end-session-cancel"
            disabled={busy}
            onClick={() => setConfirming(false)}
          >
            {t('session.endNo')}
          </button>
        </>
      ) : (
        <button type="button" data-testid="end-session-start" onClick={() => setConfirming(true)}>
          {t('session.end')}
        </button>
      )}
      {message && (
        <span class="end-session-message" role="status">
          {message}
        </span>
      )}
    </div>
  );
}
