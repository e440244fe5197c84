import { useEffect, useState } from 'preact/hooks';
import type { CommandInput } from '../../lib/core/messages/commands';
import type { Settings } from '../../lib/core/settings/settingsSchema';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';
import { OutputToggle } from '../common/OutputToggle';

// Language, panel mode, sound, overlay and how long history is kept.

interface GeneralSettingsProps {
  settings: Settings;
  send: SendCommand;
}

export function GeneralSettings({ settings, send }: GeneralSettingsProps) {
  const { t } = useI18n();
  const [retention, setRetention] = useState(String(settings.retentionDays));
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => setRetention(String(settings.retentionDays)), [settings.retentionDays]);
  const sendAndShow = async (command: CommandInput) => {
    const answer = await send(command);
    setStatus(answer.ok ? t('form.saved') : t('error.command', { error: answer.error }));
  };
  const update = (patch: Partial<Settings>) => sendAndShow({ type: 'settings.update', patch });
  const retentionDays = Number(retention);
  const retentionValid = Number.isInteger(retentionDays) && retentionDays >= 1 && retentionDays <= 3650;

  return (
    <section class="general" data-testid="general-settings">
      <h2>{t('general.title')}</h2>
      <div class="field">
        <label for="locale">{t('general.language')}</label>
        <select
          id="locale"
          data-testid="locale-select"
          value={settings.locale}
          onChange={(event) => update({ locale: event.currentTarget.value as Settings['locale'] })}
        >
          <option value="auto">{t('general.languageAuto')}</option>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </div>
      <div class="field">
        <label for="mode">{t('general.mode')}</label>
        <select
          id="mode"
          data-testid="mode-select"
          value={settings.mode}
          onChange={(event) => update({ mode: event.currentTarget.value as Settings['mode'] })}
        >
          <option value="streamer">{t('general.modeStreamer')}</option>
          <option value="operator">{t('general.modeOperator')}</option>
        </select>
      </div>
      <div class="field">
        <OutputToggle
          setting="sound"
          settings={settings}
          label={t('general.sound')}
          testId="sound-checkbox"
          class="checkbox"
          onCommand={sendAndShow}
        />
      </div>
      <div class="field">
        <OutputToggle
          setting="overlay"
          settings={settings}
          label={t('general.overlay')}
          testId="overlay-checkbox"
          class="checkbox"
          onCommand={send}
        />
      </div>
      <form
        class={`field ${retentionValid ? '' : 'invalid'}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (retentionValid) void update({ retentionDays });
        }}
      >
        <label for="retention">{t('general.retention')}</label>
        <input
          id="retention"
          type="number"
          min={1}
          max={3650}
          step={1}
          data-testid="retention-input"
          value={retention}
          aria-invalid={retentionValid ? undefined : true}
          onInput={(event) => setRetention(event.currentTarget.value)}
        />
        <button
          type="submit"
          data-testid="retention-save"
          disabled={!retentionValid || retentionDays === settings.retentionDays}
        >
          {t('form.save')}
        </button>
        {!retentionValid && (
          <span class="error" role="alert">
            {t('general.retentionError')}
          </span>
        )}
      </form>
      {status && <p class="status">{status}</p>}
    </section>
  );
}
