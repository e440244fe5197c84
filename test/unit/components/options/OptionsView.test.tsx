// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUiI18n, I18nContext } from '../../../../components/common/i18nContext';
import { OptionsView } from '../../../../components/options/OptionsView';
import { PlanEditor } from '../../../../components/options/PlanEditor';
import { defaultRuleSettings } from '../../../../lib/core/engine/ruleSettings';
import type { Locale } from '../../../../lib/core/i18n/translate';
import type { CommandInput } from '../../../../lib/core/messages/commands';
import { parseSettings, type Settings } from '../../../../lib/core/settings/settingsSchema';
import { recordingSender } from '../../ui/recordingSender';

let root: HTMLElement;
let sent: CommandInput[];
// The enabled-sites list loads itself with a read; the tests below look at what the page writes.
const send = recordingSender((command) => {
  if (command.type !== 'site.list') sent.push(command);
});
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  sent = [];
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

const settle = () => act(async () => {});
const $ = <E extends HTMLElement = HTMLElement>(selector: string) => root.querySelector<E>(selector);

function show(settings: Settings, locale: Locale = 'en') {
  act(() =>
    render(
      <I18nContext.Provider value={createUiI18n(locale)}>
        <OptionsView settings={settings} send={send} />
      </I18nContext.Provider>,
      root,
    ),
  );
}

function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('rule forms', () => {
  it('builds a form per rule from its schema, with bounds and current values', () => {
    show(parseSettings({ rules: { 'traffic-drop': { holdSec: 90 } } }).settings);
    const form = $('[data-testid="rule-traffic-drop"]')!;
    const hold = form.querySelector<HTMLInputElement>('input[data-field="holdSec"]')!;
    expect(hold.value).toBe('90');
    expect(hold.min).toBe('10');
    expect(hold.max).toBe('600');
    expect(form.querySelector<HTMLInputElement>('input[data-field="enabled"]')?.type).toBe('checkbox');
    expect(form.querySelector('label[for="traffic-drop-holdSec"]')?.textContent).toContain('seconds');
    expect(root.querySelectorAll('[data-testid^="rule-"]').length).toBeGreaterThanOrEqual(12);
  });

  it('shows an inline error for an out-of-range value and will not save it', async () => {
    show(parseSettings({}).settings);
    const form = $('[data-testid="rule-traffic-drop"]')!;
    typeInto(form.querySelector<HTMLInputElement>('input[data-field="holdSec"]')!, '5');
    expect(form.querySelector('[data-error-for="holdSec"]')?.textContent).toBe('At least 10.');
    expect(form.querySelector<HTMLButtonElement>('[data-testid="save-traffic-drop"]')?.disabled).toBe(true);
    typeInto(form.querySelector<HTMLInputElement>('input[data-field="holdSec"]')!, '200');
    expect(form.querySelector('[data-error-for="holdSec"]')).toBeNull();
    act(() => {
      form.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    await settle();
    expect(sent).toEqual([
      {
        type: 'settings.update',
        patch: { rules: { 'traffic-drop': { ...defaultRuleSettings()['traffic-drop'], holdSec: 200 } } },
      },
    ]);
  });

  it('resets one rule and all rules', async () => {
    show(parseSettings({}).settings);
    $('[data-testid="reset-traffic-drop"]')!.click();
    $('[data-testid="reset-rules"]')!.click();
    await settle();
    expect(sent).toEqual([
      { type: 'settings.reset', section: 'rules.traffic-drop' },
      { type: 'settings.reset', section: 'rules' },
    ]);
  });

  it('labels fields in Chinese when the page is in Chinese', () => {
    show(parseSettings({}).settings, 'zh-CN');
    expect($('label[for="traffic-drop-holdSec"]')?.textContent).toBe('憋单时长(秒)');
    expect($('[data-testid="rule-traffic-drop"] .rule-name')?.textContent).toBe('流量下跌');
  });
});

describe('general settings and bindings', () => {
  it('saves the language and retention, and refuses a bad retention inline', async () => {
    show(parseSettings({}).settings);
    const locale = $('[data-testid="locale-select"]') as HTMLSelectElement;
    act(() => {
      locale.value = 'zh-CN';
      locale.dispatchEvent(new Event('change', { bubbles: true }));
    });
    typeInto($('[data-testid="retention-input"]') as HTMLInputElement, '0');
    expect(($('[data-testid="retention-save"]') as HTMLButtonElement).disabled).toBe(true);
    typeInto($('[data-testid="retention-input"]') as HTMLInputElement, '30');
    $('[data-testid="retention-save"]')!.click();
    await settle();
    expect(sent).toEqual([
      { type: 'settings.update', patch: { locale: 'zh-CN' } },
      { type: 'settings.update', patch: { retentionDays: 30 } },
    ]);
  });

  it('lists picked elements per site and forgets one', async () => {
    show(parseSettings({ bindings: { douyin: { viewers: '.online-count' } } }).settings);
    expect($('[data-site="douyin"][data-metric="viewers"] code')?.textContent).toBe('.online-count');
    $('[data-testid="binding-remove-douyin-viewers"]')!.click();
    await settle();
    expect(sent).toEqual([{ type: 'settings.update', patch: { bindings: { douyin: { viewers: null } } } }]);
  });
});

describe('run-of-show editor', () => {
  function showPlan(plan: Settings['plan'], exported: string[] = []) {
    act(() =>
      render(
        <I18nContext.Provider value={createUiI18n('en')}>
          <PlanEditor plan={plan} send={send} exportFile={(_, text) => exported.push(text)} />
        </I18nContext.Provider>,
        root,
      ),
    );
  }
  const names = () =>
    [...root.querySelectorAll<HTMLInputElement>('.plan-slot input[data-field="name"]')].map(
      (input) => input.value,
    );

  it('adds, names, moves and removes slots, then saves the plan', async () => {
    showPlan([{ name: 'Scarf', minutes: 5 }]);
    $('[data-testid="plan-add"]')!.click();
    await settle();
    typeInto(root.querySelectorAll<HTMLInputElement>('input[data-field="name"]')[1]!, 'Gloves');
    $('[data-testid="plan-up-1"]')!.click();
    await settle();
    expect(names()).toEqual(['Gloves', 'Scarf']);
    $('[data-testid="plan-add"]')!.click();
    await settle();
    expect(($('[data-testid="plan-save"]') as HTMLButtonElement).disabled).toBe(true);
    $('[data-testid="plan-remove-2"]')!.click();
    await settle();
    $('[data-testid="plan-save"]')!.click();
    await settle();
    expect(sent).toEqual([
      {
        type: 'settings.update',
        patch: {
          plan: [
            { name: 'Gloves', minutes: 5 },
            { name: 'Scarf', minutes: 5 },
          ],
        },
      },
    ]);
  });

  it('exports the plan as JSON and imports a pasted one, rejecting a broken file', async () => {
    const exported: string[] = [];
    showPlan([{ name: 'Scarf', minutes: 5 }], exported);
    $('[data-testid="plan-export"]')!.click();
    expect(JSON.parse(exported[0]!)).toEqual([{ name: 'Scarf', minutes: 5 }]);
    typeInto($('[data-testid="plan-import-text"]') as HTMLTextAreaElement, '[{"name":"Hat","minutes":"x"}]');
    $('[data-testid="plan-import"]')!.click();
    await settle();
    expect($('[data-testid="plan-status"]')?.textContent).toMatch(/^Could not import: 0\.minutes/);
    typeInto($('[data-testid="plan-import-text"]') as HTMLTextAreaElement, '[{"name":"Hat","minutes":3}]');
    $('[data-testid="plan-import"]')!.click();
    await settle();
    expect(names()).toEqual(['Hat']);
  });
});

describe('question words', () => {
  const submitWords = async () => {
    act(() => {
      $('[data-testid="question-words"] form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    });
    await settle();
  };
  const box = (topic: string) =>
    $(`[data-testid="question-words"] textarea[data-topic="${topic}"]`) as HTMLTextAreaElement;

  it('shows the stored words a line each and saves every topic, so an emptied box clears its words', async () => {
    show(parseSettings({ rules: { questions: { lexicon: { size: ['米数'], link: ['几号车'] } } } }).settings);
    expect(box('size').value).toBe('米数');
    typeInto(box('size'), '米数，码数\n尺寸');
    typeInto(box('link'), '');
    await submitWords();
    const patch = (sent[0] as Extract<CommandInput, { type: 'settings.update' }>).patch;
    const lexicon = (patch.rules as { questions: { lexicon: Record<string, string[]> } }).questions.lexicon;
    expect(lexicon.size).toEqual(['米数', '码数', '尺寸']);
    expect(lexicon.link).toEqual([]);
    expect(Object.keys(lexicon).length).toBeGreaterThan(2);
  });

  it('names a word that cannot be saved and sends nothing', async () => {
    show(parseSettings({}).settings);
    typeInto(box('price'), `多少钱\n${'贵'.repeat(200)}`);
    await submitWords();
    expect(sent).toEqual([]);
    expect($('[data-testid="question-words-errors"]')?.textContent).toContain('price: ');
  });
});

describe('general settings', () => {
  it('switches sound and the overlay with the same commands as the panel, and says when sound is saved', async () => {
    show(parseSettings({ sound: true, overlay: false }).settings);
    expect($<HTMLInputElement>('[data-testid="sound-checkbox"]')?.checked).toBe(true);
    expect($<HTMLInputElement>('[data-testid="overlay-checkbox"]')?.checked).toBe(false);
    act(() => $('[data-testid="sound-checkbox"]')!.click());
    act(() => $('[data-testid="overlay-checkbox"]')!.click());
    await settle();
    expect(sent).toEqual([
      { type: 'settings.update', patch: { sound: false } },
      { type: 'overlay.toggle', enabled: true },
    ]);
    expect($('[data-testid="general-settings"] .status')?.textContent).toBe('Saved.');
  });
});
