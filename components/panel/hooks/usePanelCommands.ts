import { useState } from 'preact/hooks';
import type { Cue, CueAction } from '../../../lib/core/engine/types';
import type { SendCommand } from '../../../lib/ui/sendCommand';
import { useI18n } from '../../common/i18nContext';

// The panel's writes: every command goes through `send`, a refusal shows as one line of error, and a cue
// action is not sent twice while the first is on its way.

const CUE_ACTION_COMMANDS = {
  done: 'cue.done',
  snooze: 'cue.snooze',
  dismiss: 'cue.dismiss',
} as const;

export interface PanelCommands {
  /** Acts on the current cue (nothing when there is none or an action is on its way). */
  act(action: CueAction): Promise<void>;
  run(command: Parameters<SendCommand>[0]): Promise<void>;
  busy: boolean;
  error: string | null;
}

export function usePanelCommands(send: SendCommand, current: Cue | null): PanelCommands {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const report = (result: Awaited<ReturnType<SendCommand>>) =>
    setError(result.ok ? null : t('error.command', { error: result.error }));

  return {
    async act(action) {
      if (!current || busy) return;
      setBusy(true);
      const result = await send({ type: CUE_ACTION_COMMANDS[action], cueId: current.id });
      setBusy(false);
      report(result);
    },
    async run(command) {
      report(await send(command));
    },
    busy,
    error,
  };
}
