// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUiI18n, I18nContext } from '../../../../components/common/i18nContext';
import { ShortcutSettings } from '../../../../components/options/ShortcutSettings';
import { UrgentNotificationSetting } from '../../../../components/options/UrgentNotificationSetting';
import { ShortcutHint } from '../../../../components/panel/ShortcutHint';
import type { Locale } from '../../../../lib/core/i18n/translate';
import type { CommandInput } from '../../../../lib/core/messages/commands';
import { defaultSettings, type Settings } from '../../../../lib/core/settings/settingsSchema';
import type { PermissionGate } from '../../../../lib/ui/notifications/notificationPermission';
import type { BoundCommand } from '../../../../lib/ui/shortcuts/shortcutBindings';
import { recordingSender } from '../../ui/recordingSender';

// The settings page shows the shortcuts as Chrome has them bound and sends the user to Chrome's page to
// change them; urgent notifications are off until turned on, and Chrome's permission is asked for then.

let root: HTMLElement;
let sent: CommandInput[];
const send = recordingSender((command) => sent.push(command));
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  sent = [];
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

/** Lets the promise chains behind the components run (one macrotask turn, not a span of time). */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
const $ = (selector: string) => root.querySelector<HTMLElement>(selector);
const mount = (node: preact.ComponentChildren, locale: Locale = 'en') =>
  act(() => render(<I18nContext.Provider value={createUiI18n(locale)}>{node}</I18nContext.Provider>, root));

const bound: BoundCommand[] = [
  { name: '_execute_action', shortcut: 'Alt+Shift+L' },
  { name: 'cue-done', shortcut: 'Alt+Shift+D' },
  { name: 'cue-snooze', shortcut: 'Ctrl+Shift+9' },
  { name: 'cue-dismiss', shortcut: '' },
];

describe('ShortcutSettings', () => {
  it('lists each shortcut with the keys Chrome has bound, “not set” where cleared, and opens Chrome’s page', async () => {
    let opened = 0;
    mount(<ShortcutSettings read={async () => bound} openPage={() => (opened += 1)} />);
    await settle();
    expect($('[data-testid="shortcut-cue-done"]')?.textContent).toBe('Alt+Shift+D');
    expect($('[data-testid="shortcut-cue-snooze"]')?.textContent).toBe('Ctrl+Shift+9');
    expect($('[data-testid="shortcut-cue-dismiss"]')?.textContent).toBe('Not set');
    expect($('[data-command="_execute_action"] dt')?.textContent).toBe('Open the side panel');
    act(() => $('[data-testid="change-shortcuts"]')!.click());
    expect(opened).toBe(1);
  });

  it('reads the keys again when the page comes back into view', async () => {
    let keys = 'Alt+Shift+D';
    mount(
      <ShortcutSettings read={async () => [{ name: 'cue-done', shortcut: keys }]} openPage={() => {}} />,
      'zh-CN',
    );
    await settle();
    keys = 'Ctrl+Shift+1';
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
    });
    await settle();
    expect($('[data-testid="shortcut-cue-done"]')?.textContent).toBe('Ctrl+Shift+1');
    expect($('[data-testid="shortcut-cue-dismiss"]')?.textContent).toBe('未设置');
  });

  it('says so when Chrome will not tell', async () => {
    mount(<ShortcutSettings read={() => Promise.reject(new Error('no commands API'))} openPage={() => {}} />);
    await settle();
    expect($('[data-testid="shortcut-settings"]')?.textContent).toContain('Chrome did not say');
  });
});

describe('ShortcutHint', () => {
  it('shows the cue keys for the panel, and nothing when none is bound', async () => {
    mount(<ShortcutHint read={async () => bound} />);
    await settle();
    expect($('[data-testid="shortcut-hint"]')?.textContent).toBe(
      'In any tab: Alt+Shift+D done · Ctrl+Shift+9 later · — dismiss',
    );
    mount(<ShortcutHint read={async () => [{ name: 'cue-done', shortcut: '' }]} />);
    await settle();
    expect($('[data-testid="shortcut-hint"]')).toBeNull();
  });
});

function gate(answer: boolean, held = false) {
  const calls: string[] = [];
  const permission: PermissionGate = {
    has: async () => held,
    request: async () => {
      calls.push('request');
      held = answer;
      return answer;
    },
    release: async () => {
      calls.push('release');
      held = false;
    },
  };
  return { calls, permission };
}

const settingsWith = (notifyUrgent: boolean): Settings => ({ ...defaultSettings(), notifyUrgent });

describe('UrgentNotificationSetting', () => {
  it('is off by default; turning it on asks Chrome first, then saves', async () => {
    const { calls, permission } = gate(true);
    mount(<UrgentNotificationSetting settings={defaultSettings()} send={send} permission={permission} />);
    await settle();
    const box = $('[data-testid="notify-urgent-checkbox"]') as HTMLInputElement;
    expect(box.checked).toBe(false);
    await act(async () => box.click());
    await settle();
    expect(calls).toEqual(['request']);
    expect(sent).toEqual([{ type: 'settings.update', patch: { notifyUrgent: true } }]);
  });

  it('stays off and says why when Chrome refuses', async () => {
    const { permission } = gate(false);
    mount(<UrgentNotificationSetting settings={defaultSettings()} send={send} permission={permission} />);
    await settle();
    const box = $('[data-testid="notify-urgent-checkbox"]') as HTMLInputElement;
    await act(async () => box.click());
    await settle();
    expect(sent).toEqual([]);
    expect(box.checked).toBe(false);
    expect($('[data-testid="notification-settings"]')?.textContent).toContain('did not allow');
  });

  it('turning it off saves and gives the permission back', async () => {
    const { calls, permission } = gate(true, true);
    mount(<UrgentNotificationSetting settings={settingsWith(true)} send={send} permission={permission} />);
    await settle();
    await act(async () => ($('[data-testid="notify-urgent-checkbox"]') as HTMLInputElement).click());
    await settle();
    expect(sent).toEqual([{ type: 'settings.update', patch: { notifyUrgent: false } }]);
    expect(calls).toEqual(['release']);
  });

  it('warns when the setting is on but Chrome no longer allows notifications', async () => {
    const { permission } = gate(true, false);
    mount(
      <UrgentNotificationSetting settings={settingsWith(true)} send={send} permission={permission} />,
      'zh-CN',
    );
    await settle();
    expect($('[data-testid="notify-revoked"]')?.textContent).toContain('Chrome 已不再允许');
  });
});
