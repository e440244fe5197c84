import { useEffect, useRef, useState } from 'preact/hooks';
import type { OverlayCue } from '../../lib/messages/portProtocol';

// The in-page cue card on the room page: small, dark, draggable, text only (never HTML). It is mounted
// inside a shadow root, so its CSS (overlayCss) is handed to the mount as a string.

interface OverlayCardProps {
  cue: OverlayCue;
  onClose: () => void;
  /** The close button's accessible name, in the user's language. */
  closeLabel?: string;
  /** Clock of the countdown; the room's scenario clock in e2e, Date.now otherwise. */
  now?: () => number;
  /** Where the card starts, px from the top-left of the viewport. */
  initialPosition?: { x: number; y: number };
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

export function OverlayCard({
  cue,
  onClose,
  closeLabel = '×',
  now = Date.now,
  initialPosition,
}: OverlayCardProps) {
  const card = useRef<HTMLDivElement>(null);
  // Bottom-left by default: platforms keep their controls on the right and top.
  const [position, setPosition] = useState(
    () => initialPosition ?? { x: MARGIN * 2, y: Math.max(MARGIN, (globalThis.innerHeight || 600) - 160) },
  );
  const drag = useRef<{ dx: number; dy: number; pointer: number } | null>(null);
  const [clock, setClock] = useState(now());

  useEffect(() => {
    if (cue.countdownEndsAt === undefined) return;
    setClock(now());
    const timer = setInterval(() => setClock(now()), 250);
    return () => clearInterval(timer);
  }, [cue.id, cue.countdownEndsAt]);

  const secondsLeft =
    cue.countdownEndsAt === undefined ? null : Math.max(0, Math.ceil((cue.countdownEndsAt - clock) / 1000));

  const onPointerDown = (event: PointerEvent) => {
    if ((event.target as HTMLElement).closest('button')) return;
    drag.current = {
      dx: event.clientX - position.x,
      dy: event.clientY - position.y,
      pointer: event.pointerId,
    };
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    if (!drag.current || drag.current.pointer !== event.pointerId) return;
    const rect = card.current?.getBoundingClientRect();
    setPosition(
      clampPosition(
        { x: event.clientX - drag.current.dx, y: event.clientY - drag.current.dy },
        { width: rect?.width ?? 280, height: rect?.height ?? 100 },
        { width: globalThis.innerWidth || 1024, height: globalThis.innerHeight || 768 },
      ),
    );
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    <div
      ref={card}
      class={`lc-card lc-${cue.severity}`}
      style={{ left: `${position.x}px`, top: `${position.y}px` }}
      data-cue-id={cue.id}
      data-rule-id={cue.ruleId}
      data-testid="overlay-card"
      role="status"
      aria-live="polite"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
    >
      <div class="lc-text">
        <p class="lc-title">{cue.title}</p>
        <p class="lc-detail">{cue.detail}</p>
      </div>
      {secondsLeft !== null && (
        <span class="lc-countdown" data-testid="overlay-countdown">
          {secondsLeft}s
        </span>
      )}
      <button
        type="button"
        class="lc-close"
        data-testid="overlay-close"
        aria-label={closeLabel}
        onClick={onClose}
      >
        ×
      </button>
    </div>
  );
}

export const overlayCss = `
:host { all: initial; }
.lc-card {
  position: fixed; z-index: 2147483000; width: 280px; max-width: calc(100vw - 16px);
  display: grid; grid-template-columns: 1fr auto auto; align-items: start; gap: 8px;
  padding: 10px 10px 10px 14px; border-radius: 10px; background: rgba(17, 20, 24, 0.94); color: #f2f4f7;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.35); border-left: 6px solid #3b82f6;
  font: 13px/1.35 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif;
  cursor: grab; user-select: none; touch-action: none;
}
.lc-card:active { cursor: grabbing; }
.lc-act { border-left-color: #f59e0b; }
.lc-urgent { border-left-color: #ef4444; }
.lc-text { min-width: 0; }
.lc-title { margin: 0 0 2px; font-weight: 700; font-size: 15px; }
.lc-detail { margin: 0; color: #d6dbe3; }
.lc-countdown { font-weight: 700; font-variant-numeric: tabular-nums; font-size: 16px; padding: 2px 6px; border-radius: 6px; background: #2c333d; }
.lc-close { all: unset; cursor: pointer; color: #9aa4b2; font-size: 18px; line-height: 1; padding: 0 4px; }
.lc-close:hover, .lc-close:focus-visible { color: #fff; outline: 1px solid #9aa4b2; border-radius: 4px; }
`;
