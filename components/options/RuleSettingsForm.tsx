import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/core/i18n/translate';
import { isUiMessageKey, type UiMessageKey } from '../../lib/core/i18n/uiMessages';
import {
  type AnySchema,
  type FieldError,
  type RuleFormField,
  ruleFormFields,
  validateRuleDraft,
} from '../../lib/core/settings/ruleFormFields';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';

// One rule's parameters as a form generated from its zod schema, validated before it is sent.

interface RuleSettingsFormProps {
  ruleId: string;
  schema: AnySchema;
  values: Record<string, unknown>;
  send: SendCommand;
}

/**
 * A parameter's label from the catalog (lib/core/i18n/uiMessages.ts): the rule's own `param.<ruleId>.<key>`
 * first, then the shared `param.<key>`; the bare key when neither exists.
 */
export function fieldLabel(
  t: Translate<UiMessageKey>,
  ruleId: string,
  field: Pick<RuleFormField, 'key'>,
): string {
  for (const key of [`param.${ruleId}.${field.key}`, `param.${field.key}`]) {
    if (isUiMessageKey(key)) return t(key);
  }
  return field.key;
}

/** A rule's name from the catalog, or its id for a rule this build has no name for. */
function ruleName(t: Translate<UiMessageKey>, ruleId: string): string {
  const key = `rule.${ruleId}`;
  return isUiMessageKey(key) ? t(key) : ruleId;
}

export function errorText(t: Translate<UiMessageKey>, error: FieldError): string {
  if (error.code === 'too_small' && error.minimum !== undefined)
    return t('form.tooSmall', { min: error.minimum });
  if (error.code === 'too_big' && error.maximum !== undefined)
    return t('form.tooBig', { max: error.maximum });
  if (error.code === 'invalid_type') return t('form.invalidNumber');
  return error.message;
}

export function RuleSettingsForm({ ruleId, schema, values, send }: RuleSettingsFormProps) {
  const { t } = useI18n();
  const fields = ruleFormFields(schema);
  const [draft, setDraft] = useState<Record<string, unknown>>(values);
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [status, setStatus] = useState<string | null>(null);
  // Stored values changed (saved, reset, another page): start again from them.
  const stored = JSON.stringify(values);
  useEffect(() => {
    setDraft(values);
    setErrors({});
  }, [stored]);

  const change = (key: string, value: unknown) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    const result = validateRuleDraft(schema, next);
    setErrors(result.ok ? {} : result.errors);
    setStatus(null);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const result = validateRuleDraft(schema, draft);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const answer = await send({ type: 'settings.update', patch: { rules: { [ruleId]: result.value } } });
    setStatus(answer.ok ? t('form.saved') : t('error.command', { error: answer.error }));
  };

  const reset = async () => {
    const answer = await send({ type: 'settings.reset', section: `rules.${ruleId}` });
    setStatus(answer.ok ? t('form.resetDone') : t('error.command', { error: answer.error }));
  };

  const dirty = JSON.stringify(draft) !== stored;
  const enabled = draft.enabled !== false;
  return (
    <details
      class={`rule-form ${enabled ? '' : 'disabled'}`}
      data-rule-id={ruleId}
      data-testid={`rule-${ruleId}`}
    >
      <summary>
        <span class="rule-name">{ruleName(t, ruleId)}</span>
        {!enabled && <span class="muted"> · {t('form.off')}</span>}
      </summary>
      <form onSubmit={save} noValidate>
        {fields.map((field) => {
          const id = `${ruleId}-${field.key}`;
          const error = errors[field.key];
          const label = fieldLabel(t, ruleId, field);
          const value = draft[field.key];
          return (
            <div class={`field ${error ? 'invalid' : ''}`} key={field.key}>
              {field.type === 'boolean' ? (
                <label for={id} class="checkbox">
                  <input
                    id={id}
                    type="checkbox"
                    data-field={field.key}
                    checked={value === true}
                    onChange={(event) => change(field.key, event.currentTarget.checked)}
                  />
                  {label}
                </label>
              ) : (
                <>
                  <label for={id}>{label}</label>
                  {field.type === 'enum' ? (
                    <select
                      id={id}
                      data-field={field.key}
                      value={String(value ?? '')}
                      onChange={(event) => change(field.key, event.currentTarget.value)}
                    >
                      {field.options.map((option) => (
                        <option key={option} value={option}>
                          {option}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      id={id}
                      type="number"
                      data-field={field.key}
                      min={field.min}
                      max={field.max}
                      step={field.step}
                      value={typeof value === 'number' ? String(value) : ''}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      onInput={(event) => {
                        const text = event.currentTarget.value;
                        change(field.key, text === '' ? undefined : Number(text));
                      }}
                    />
                  )}
                  {field.type === 'number' && (field.min !== undefined || field.max !== undefined) && (
                    <span class="hint">
                      {field.min ?? '…'} – {field.max ?? '…'}
                    </span>
                  )}
                </>
              )}
              {error && (
                <span class="error" id={`${id}-error`} role="alert" data-error-for={field.key}>
                  {errorText(t, error)}
                </span>
              )}
            </div>
          );
        })}
        <div class="form-actions">
          <button
            type="submit"
            data-testid={`save-${ruleId}`}
            disabled={!dirty || Object.keys(errors).length > 0}
          >
            {t('form.save')}
          </button>
          <button type="button" data-testid={`reset-${ruleId}`} onClick={reset}>
            {t('form.resetRule')}
          </button>
          {status && <span class="status">{status}</span>}
        </div>
      </form>
    </details>
  );
}
