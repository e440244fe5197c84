// @vitest-environment happy-dom
import { afterEach, expect, it, vi } from 'vitest';
import type { OverlayCue } from '../../../../lib/core/messages/portProtocol';
import { clampPosition, createOverlayCard, overlayCss } from '../../../../lib/room/overlay/overlayCard';

afterEach(() => {
  document.body.replaceChildren();
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

function mount(options: Partial<Parameters<typeof createOverlayCard>[1]> = {}) {
  const card = createOverlayCard(document, { onClose: () => {}, ...options });
  document.body.append(card.element);
  return card;
}

it('shows the cue as text only, with its severity, ids and countdown', () => {
  const card = mount({ now: () => 1_000_000 });
  card.show(cue);
  const el = document.querySelector<HTMLElement>('[data-testid="overlay-card"]')!;
  expect(el.dataset.cueId).toBe(cue.id);
  expect(el.dataset.ruleId).toBe('traffic-drop');
  expect(el.className).toContain('lc-urgent');
  expect(el.querySelector('img')).toBeNull();
  expect(el.querySelector('.lc-title')?.textContent).toBe(cue.title);
  expect(el.querySelector('[data-testid="overlay-countdown"]')?.textContent).toBe('30s');
  card.destroy();
});

it('counts down on its own clock, hides with no cue and closes through onClose', () => {
  vi.useFakeTimers();
  let clock = 1_000_000;
  let closed = 0;
  const card = mount({ now: () => clock, onClose: () => (closed += 1) });
  card.show(cue);
  clock += 12_000;
  vi.advanceTimersByTime(300);
  expect(document.querySelector('[data-testid="overlay-countdown"]')?.textContent).toBe('18s');
  card.show(null);
  expect(card.element.hidden).toBe(true);
  document.querySelector<HTMLElement>('[data-testid="overlay-close"]')!.click();
  expect(closed).toBe(1);
  card.destroy();
});

it('moves with a drag and stays inside the viewport', () => {
  const card = mount({ initialPosition: { x: 20, y: 20 } });
  card.show({ ...cue, countdownEndsAt: undefined });
  const el = card.element;
  el.dispatchEvent(
    new PointerEvent('pointerdown', { clientX: 30, clientY: 30, pointerId: 1, bubbles: true }),
  );
  el.dispatchEvent(
    new PointerEvent('pointermove', { clientX: 130, clientY: 80, pointerId: 1, bubbles: true }),
  );
  el.dispatchEvent(new PointerEvent('pointerup', { clientX: 130, clientY: 80, pointerId: 1, bubbles: true }));
  expect(el.style.left).toBe('120px');
  expect(el.style.top).toBe('70px');
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
