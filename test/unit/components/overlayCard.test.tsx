// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { clampPosition, OverlayCard, overlayCss } from '../../../components/overlay/OverlayCard';
import type { OverlayCue } from '../../../lib/messages/portProtocol';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
  vi.useRealTimers();
});

const cue: OverlayCue = {
  id: 's:traffic-drop:1',
  ruleId: 'traffic-drop',
  severity: 'urgent',
  title: '<img src=x onerror=alert(1)> viewers fell',
  detail: 'Put the deal item up now',
  countdownEndsAt: 1_000_000 + 30_000,
};

it('shows the cue as text only, with its severity, ids and countdown', () => {
  act(() => render(<OverlayCard cue={cue} onClose={() => {}} now={() => 1_000_000} />, root));
  const card = root.querySelector<HTMLElement>('[data-testid="overlay-card"]')!;
  expect(card.dataset.cueId).toBe(cue.id);
  expect(card.dataset.ruleId).toBe('traffic-drop');
  expect(card.className).toContain('lc-urgent');
  expect(card.querySelector('img')).toBeNull();
  expect(card.querySelector('.lc-title')?.textContent).toBe(cue.title);
  expect(root.querySelector('[data-testid="overlay-countdown"]')?.textContent).toBe('30s');
});

it('counts down on its own clock and closes through onClose', () => {
  vi.useFakeTimers();
  let clock = 1_000_000;
  let closed = 0;
  act(() =>
    render(
      <OverlayCard
        cue={cue}
        onClose={() => {
          closed += 1;
        }}
        now={() => clock}
      />,
      root,
    ),
  );
  clock += 12_000;
  act(() => {
    vi.advanceTimersByTime(300);
  });
  expect(root.querySelector('[data-testid="overlay-countdown"]')?.textContent).toBe('18s');
  root.querySelector<HTMLElement>('[data-testid="overlay-close"]')!.click();
  expect(closed).toBe(1);
});

it('moves with a drag and stays inside the viewport', () => {
  act(() => render(<OverlayCard cue={cue} onClose={() => {}} initialPosition={{ x: 20, y: 20 }} />, root));
  const card = root.querySelector<HTMLElement>('[data-testid="overlay-card"]')!;
  act(() => {
    card.dispatchEvent(
      new PointerEvent('pointerdown', { clientX: 30, clientY: 30, pointerId: 1, bubbles: true }),
    );
    card.dispatchEvent(
      new PointerEvent('pointermove', { clientX: 130, clientY: 80, pointerId: 1, bubbles: true }),
    );
    card.dispatchEvent(
      new PointerEvent('pointerup', { clientX: 130, clientY: 80, pointerId: 1, bubbles: true }),
    );
  });
  expect(card.style.left).toBe('120px');
  expect(card.style.top).toBe('70px');
  expect(
    clampPosition({ x: -50, y: 5000 }, { width: 280, height: 100 }, { width: 1000, height: 700 }),
  ).toEqual({
    x: 8,
    y: 592,
  });
});

it('exports its CSS as a string for the shadow root', () => {
  expect(overlayCss).toContain('.lc-card');
  expect(overlayCss).toContain('.lc-urgent');
});
