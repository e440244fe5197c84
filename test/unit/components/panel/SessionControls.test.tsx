// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUiI18n, I18nContext } from '../../../../components/common/i18nContext';
import { EndSession } from '../../../../components/panel/EndSession';
import { RoomWarnings } from '../../../../components/panel/RoomWarnings';
import type { Locale } from '../../../../lib/core/i18n/translate';
import type { CommandInput, CommandResult } from '../../../../lib/core/messages/commands';
import type { RoomWarning } from '../../../../lib/ui/panel/writeStatus';
import { recordingSender } from '../../ui/recordingSender';

// The panel's session controls: ending a session by hand, and what the background says about rooms.

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});
const $ = (selector: string) => root.querySelector<HTMLElement>(selector);
const show = (node: preact.ComponentChild, locale: Locale = 'en') =>
  act(() => render(<I18nContext.Provider value={createUiI18n(locale)}>{node}</I18nContext.Provider>, root));
const settle = () => act(async () => {});

describe('EndSession', () => {
  it('asks once more, then sends session.end for the session', async () => {
    const sent: CommandInput[] = [];
    show(<EndSession sessionId="douyin:r1:1" send={recordingSender((c) => sent.push(c))} />);
    $('[data-testid="end-session-start"]')!.click();
    await settle();
    expect($('[data-testid="end-session"]')?.textContent).toContain('End this session now?');
    $('[data-testid="end-session-cancel"]')!.click();
    await settle();
    expect(sent).toEqual([]);
    $('[data-testid="end-session-start"]')!.click();
    await settle();
    $('[data-testid="end-session-confirm"]')!.click();
    await settle();
    expect(sent).toEqual([{ type: 'session.end', sessionId: 'douyin:r1:1' }]);
    expect($('[data-testid="end-session-start"]')).not.toBeNull();
  });

  it('says when the end waits for the disk, and shows a refusal', async () => {
    let answer: CommandResult = { ok: true, data: { sessionId: 's', endedAt: 1, saved: false } };
    show(
      <EndSession
        sessionId="s"
        send={recordingSender(
          () => {},
          () => answer,
        )}
      />,
    );
    $('[data-testid="end-session-start"]')!.click();
    await settle();
    $('[data-testid="end-session-confirm"]')!.click();
    await settle();
    expect($('[data-testid="end-session"]')?.textContent).toContain('Saving waits until the disk');
    answer = { ok: false, error: 'No session s' };
    $('[data-testid="end-session-start"]')!.click();
    await settle();
    $('[data-testid="end-session-confirm"]')!.click();
    await settle();
    expect($('[data-testid="end-session"]')?.textContent).toContain('Could not do that: No session s');
  });
});

describe('RoomWarnings', () => {
  const warnings: RoomWarning[] = [
    { kind: 'duplicate', site: 'douyin', roomKey: 'r1', title: '围巾专场', tabs: 2 },
    { kind: 'refused', site: 'douyin', roomKey: 'r2', reason: 'before-session', count: 480 },
  ];

  it('names a room open in two tabs and readings refused, in the user’s language', () => {
    show(<RoomWarnings warnings={warnings} />);
    expect($('[data-testid="duplicate-tab-notice"]')?.textContent).toBe(
      '围巾专场 is open in 2 tabs. Livecue reads one of them; the others are left alone until it closes.',
    );
    expect($('[data-testid="refused-notice"]')?.dataset.reason).toBe('before-session');
    expect($('[data-testid="refused-notice"]')?.textContent).toContain('480 readings of r2');
    show(<RoomWarnings warnings={warnings} />, 'zh-CN');
    expect($('[data-testid="duplicate-tab-notice"]')?.textContent).toContain('在 2 个标签页中打开');
  });

  it('shows nothing when there is nothing to say', () => {
    show(<RoomWarnings warnings={[]} />);
    expect($('[data-testid="room-warnings"]')).toBeNull();
  });
});
