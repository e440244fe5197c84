import type { CommentLexicon } from '../../lib/core/comments/classifyComment';
import { ruleSettingsSchema } from '../../lib/core/engine/ruleSettings';
import { type AnySchema, ruleSchemasOf } from '../../lib/core/settings/ruleFormFields';
import type { Settings } from '../../lib/core/settings/settingsSchema';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';
import { BindingsList } from './BindingsList';
import { EnabledSites } from './EnabledSites';
import { GeneralSettings } from './GeneralSettings';
import { PlanEditor } from './PlanEditor';
import { QuestionWords } from './QuestionWords';
import { RuleSettingsForm } from './RuleSettingsForm';
import { ShortcutSettings } from './ShortcutSettings';
import { UrgentNotificationSetting } from './UrgentNotificationSetting';

// The settings page: general preferences, shortcuts and notifications, the run-of-show, rule parameters,
// site bindings and the sites read on request.

interface OptionsViewProps {
  settings: Settings;
  send: SendCommand;
  rulesSchema?: AnySchema;
}

export function OptionsView({ settings, send, rulesSchema = ruleSettingsSchema() }: OptionsViewProps) {
  const { t } = useI18n();
  const rules = settings.rules as Record<string, Record<string, unknown>>;
  const confirmThen = (message: string, run: () => void) => {
    if (globalThis.confirm?.(message) ?? true) run();
  };
  return (
    <main class="options">
      <header>
        <h1>{t('options.title')}</h1>
      </header>
      <GeneralSettings settings={settings} send={send} />
      <ShortcutSettings />
      <UrgentNotificationSetting settings={settings} send={send} />
      <PlanEditor plan={settings.plan} send={send} />
      <section class="rules" data-testid="rules">
        <h2>{t('rules.title')}</h2>
        <p class="muted">{t('rules.help')}</p>
        {ruleSchemasOf(rulesSchema).map(([ruleId, schema]) => (
          <RuleSettingsForm
            key={ruleId}
            ruleId={ruleId}
            schema={schema}
            values={rules[ruleId] ?? {}}
            send={send}
          />
        ))}
        <button
          type="button"
          data-testid="reset-rules"
          onClick={() =>
            confirmThen(
              t('rules.resetAllConfirm'),
              () => void send({ type: 'settings.reset', section: 'rules' }),
            )
          }
        >
          {t('rules.resetAll')}
        </button>
      </section>
      <QuestionWords lexicon={(rules.questions?.lexicon ?? {}) as CommentLexicon} send={send} />
      <BindingsList bindings={settings.bindings} send={send} />
      <EnabledSites send={send} />
      <section class="danger">
        <button
          type="button"
          data-testid="reset-all"
          onClick={() =>
            confirmThen(t('options.resetAllConfirm'), () => void send({ type: 'settings.reset' }))
          }
        >
          {t('options.resetAll')}
        </button>
      </section>
    </main>
  );
}
