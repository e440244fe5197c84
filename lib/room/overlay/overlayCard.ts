import type { OverlayCue } from '../../core/messages/portProtocol';

// The in-page cue card on the room page: small, dark, draggable, text only (never HTML). Plain DOM, not
// Preact, because it ships in the content script, whose budget is 16 KB gzip (scripts/bench/bundle.ts).
// Mounted in a shadow root, so its CSS (overlayCss) is handed to the mount as a string.

export interface OverlayCardOptions {
  onClose: () => void;
  /** The close button's accessible name, in the user's language. */
  closeLabel?: string;
  /** Clock of the countdown (the wall clock; countdownEndsAt is already on it). */
  now?: () => number;
  /** Where the card starts, px from the top-left of the viewport. */
  initialPosition?: { x: number; y: number };
}

export interface OverlayCard {
  element: HTMLElement;
  /** Shows a cue, or hides the card when there is none. */
  show(cue: OverlayCue | null): void;
  destroy(): void;
}

const MARGIN = 8;

/** Keeps the card's top-left inside the viewport so a drag can never lose it off-screen. */
export function clampPosition(
  position: { x: number; y: number },
  card: { width: number; height: number },
  viewport: { width: number; height: number },
): { x: number; y: number } {
  return {
    x: Math.min(Math.max(MARGIN, position.x), Math.max(MARGIN, viewport.width - card.width - MARGIN)),
    y: Math.min(Math.max(MARGIN, position.y), Math.max(MARGIN, viewport.height - card.height - MARGIN)),
  };
}

export function createOverlayCard(doc: Document, options: OverlayCardOptions): OverlayCard {
  const now = options.now ?? Date.now;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string) => {
    const node = doc.createElement(tag);
    node.className = className;
    return node;
  };
  const card = make('div', 'lc-card');
  card.dataset.testid = 'overlay-card';
  card.setAttribute('role', 'status');
  card.setAttribute('aria-live', 'polite');
  const text = make('div', 'lc-text');
  const title = make('p', 'lc-title');
  const detail = make('p', 'lc-detail');
  text.append(title, detail);
  const countdown = make('span', 'lc-countdown');
  countdown.dataset.testid = 'overlay-countdown';
  const close = make('button', 'lc-close');
  close.type = 'button';
  close.textContent = '×';
  close.dataset.testid = 'overlay-close';
  close.setAttribute('aria-label', options.closeLabel ?? '×');
  close.addEventListener('click', () => options.onClose());
  card.append(text, countdown, close);

  // Bottom-left by default: platforms keep their controls on the right and top.
  let position = options.initialPosition ?? {
    x: MARGIN * 2,
    y: Math.max(MARGIN, (doc.defaultView?.innerHeight || 600) - 160),
  };
  const place = () => {
    card.style.left = `${position.x}px`;
    card.style.top = `${position.y}px`;
  };
  place();

  let drag: { dx: number; dy: number; pointer: number } | null = null;
  card.addEventListener('pointerdown', (event) => {
    if ((event.target as HTMLElement).closest('button')) return;
    drag = { dx: event.clientX - position.x, dy: event.clientY - position.y, pointer: event.pointerId };
    card.setPointerCapture?.(event.pointerId);
  });
  card.addEventListener('pointermove', (event) => {
    if (!drag || drag.pointer !== event.pointerId) return;
    const rect = card.getBoundingClientRect();
    position = clampPosition(
      { x: event.clientX - drag.dx, y: event.clientY - drag.dy },
      { width: rect.width || 280, height: rect.height || 100 },
      { width: doc.defaultView?.innerWidth || 1024, height: doc.defaultView?.innerHeight || 768 },
    );
    place();
  });
  const endDrag = () => {
    drag = null;
  };
  card.addEventListener('pointerup', endDrag);
  card.addEventListener('pointercancel', endDrag);

  let current: OverlayCue | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  const tick = () => {
    if (current?.countdownEndsAt === undefined) {
      countdown.hidden = true;
      return;
    }
    countdown.hidden = false;
    countdown.textContent = `${Math.max(0, Math.ceil((current.countdownEndsAt - now()) / 1000))}s`;
  };

  return {
    element: card,
    show(cue) {
      current = cue;
      clearInterval(timer);
      timer = undefined;
      card.hidden = cue === null;
      if (!cue) return;
      card.className = `lc-card lc-${cue.severity}`;
      card.dataset.cueId = cue.id;
      card.dataset.ruleId = cue.ruleId;
      title.textContent = cue.title;
      detail.textContent = cue.detail;
      tick();
      if (cue.countdownEndsAt !== undefined) timer = setInterval(tick, 250);
    },
    destroy() {
      clearInterval(timer);
      card.remove();
    },
  };
}

// Compact on purpose (it ships in the content script): one rule per line.
export const overlayCss = `:host{all:initial}
.lc-card{position:fixed;z-index:2147483000;width:280px;max-width:calc(100vw - 16px);display:grid;grid-template-columns:1fr auto auto;align-items:start;gap:8px;padding:10px 10px 10px 14px;border-radius:10px;background:rgba(17,20,24,.94);color:#f2f4f7;box-shadow:0 6px 24px rgba(0,0,0,.35);border-left:6px solid #3b82f6;font:13px/1.35 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;cursor:grab;user-select:none;touch-action:none}
.lc-card[hidden],.lc-countdown[hidden]{display:none}
.lc-card:active{cursor:grabbing}
.lc-act{border-left-color:#f59e0b}
.lc-urgent{border-left-color:#ef4444}
.lc-text{min-width:0}
.lc-title{margin:0 0 2px;font-weight:700;font-size:15px}
.lc-detail{margin:0;color:#d6dbe3}
.lc-countdown{font-weight:700;font-variant-numeric:tabular-nums;font-size:16px;padding:2px 6px;border-radius:6px;background:#2c333d}
.lc-close{all:unset;cursor:pointer;color:#9aa4b2;font-size:18px;line-height:1;padding:0 4px}
.lc-close:hover,.lc-close:focus-visible{color:#fff;outline:1px solid #9aa4b2;border-radius:4px}`;
