import { useEffect, useState } from 'preact/hooks';
import type { PlanSlot } from '../../lib/core/engine/types';
import {
  addSlot,
  moveSlot,
  parsePlanJson,
  planTimeline,
  planToJson,
  removeSlot,
  updateSlot,
  validatePlan,
} from '../../lib/core/settings/planEdits';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';

// The run-of-show: ordered product slots with their minutes, edited here and saved as one list.

interface PlanEditorProps {
  plan: readonly PlanSlot[];
  send: SendCommand;
  /** Saves a file; the page passes a download, a test a recorder. */
  exportFile?: (name: string, text: string) => void;
}

export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function PlanEditor({ plan, send, exportFile = downloadText }: PlanEditorProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<PlanSlot[]>([...plan]);
  const [status, setStatus] = useState<string | null>(null);
  const [importText, setImportText] = useState('');
  const stored = JSON.stringify(plan);
  useEffect(() => setDraft([...plan]), [stored]);

  const errors = validatePlan(draft);
  const { startsAt, totalMinutes } = planTimeline(draft);
  const edit = (next: PlanSlot[]) => {
    setDraft(next);
    setStatus(null);
  };

  const save = async () => {
    const answer = await send({ type: 'settings.update', patch: { plan: draft } });
    setStatus(answer.ok ? t('form.saved') : t('error.command', { error: answer.error }));
  };

  const importPlan = (text: string) => {
    const result = parsePlanJson(text);
    if (!result.ok) {
      setStatus(t('plan.importError', { error: result.error }));
      return;
    }
    edit(result.plan);
    setImportText('');
    setStatus(t('plan.imported', { count: result.plan.length }));
  };

  return (
    <section class="plan-editor" data-testid="plan-editor">
      <h2>{t('plan.title')}</h2>
      <p class="muted">{t('plan.help')}</p>
      {draft.length === 0 ? (
        <p class="muted" data-testid="plan-empty">
          {t('plan.empty')}
        </p>
      ) : (
        <ol class="plan-slots">
          {draft.map((slot, index) => (
            // Slots have no id of their own; the index is their identity while editing.
            <li
              key={index}
              class={`plan-slot ${errors[index] ? 'invalid' : ''}`}
              data-testid={`plan-slot-${index}`}
            >
              <span class="slot-start">{t('plan.startsAt', { minutes: startsAt[index] ?? 0 })}</span>
              <input
                type="text"
                aria-label={t('plan.name')}
                placeholder={t('plan.name')}
                data-field="name"
                value={slot.name}
                onInput={(event) => edit(updateSlot(draft, index, { name: event.currentTarget.value }))}
              />
              <input
                type="text"
                class="slot-product-id"
                aria-label={t('plan.productId')}
                placeholder={t('plan.productId')}
                data-field="productId"
                maxLength={200}
                value={slot.productId ?? ''}
                onInput={(event) => {
                  const productId = event.currentTarget.value.trim();
                  // A slot names its product by the dashboard's id when given, else by name alone.
                  const { productId: _old, ...rest } = draft[index]!;
                  const next = draft.slice();
                  next[index] = productId ? { ...rest, productId } : rest;
                  edit(next);
                }}
              />
              <input
                type="number"
                aria-label={t('plan.minutes')}
                data-field="minutes"
                min={1}
                max={1440}
                step={1}
                value={Number.isFinite(slot.minutes) ? String(slot.minutes) : ''}
                onInput={(event) =>
                  edit(updateSlot(draft, index, { minutes: Number(event.currentTarget.value) }))
                }
              />
              <span class="unit">{t('plan.minutesUnit')}</span>
              <button
                type="button"
                aria-label={t('plan.up')}
                data-testid={`plan-up-${index}`}
                disabled={index === 0}
                onClick={() => edit(moveSlot(draft, index, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={t('plan.down')}
                data-testid={`plan-down-${index}`}
                disabled={index === draft.length - 1}
                onClick={() => edit(moveSlot(draft, index, 1))}
              >
                ↓
              </button>
              <button
                type="button"
                aria-label={t('plan.remove')}
                data-testid={`plan-remove-${index}`}
                onClick={() => edit(removeSlot(draft, index))}
              >
                ✕
              </button>
              {errors[index] && (
                <span class="error" role="alert">
                  {errors[index]}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <p class="muted">{t('plan.total', { minutes: totalMinutes })}</p>
      <div class="form-actions">
        <button type="button" data-testid="plan-add" onClick={() => edit(addSlot(draft))}>
          {t('plan.add')}
        </button>
        <button
          type="button"
          data-testid="plan-save"
          disabled={Object.keys(errors).length > 0 || JSON.stringify(draft) === stored}
          onClick={save}
        >
          {t('form.save')}
        </button>
        <button
          type="button"
          data-testid="plan-export"
          onClick={() => exportFile('livecue-plan.json', planToJson(draft))}
        >
          {t('plan.export')}
        </button>
        {status && (
          <span class="status" data-testid="plan-status">
            {status}
          </span>
        )}
      </div>
      <details class="plan-import">
        <summary>{t('plan.import')}</summary>
        <input
          type="file"
          accept="application/json,.json"
          aria-label={t('plan.importFile')}
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            if (file) importPlan(await file.text());
          }}
        />
        <textarea
          rows={4}
          aria-label={t('plan.importPaste')}
          placeholder={t('plan.importPaste')}
          data-testid="plan-import-text"
          value={importText}
          onInput={(event) => setImportText(event.currentTarget.value)}
        />
        <button
          type="button"
          data-testid="plan-import"
          disabled={!importText.trim()}
          onClick={() => importPlan(importText)}
        >
          {t('plan.importApply')}
        </button>
      </details>
    </section>
  );
}
