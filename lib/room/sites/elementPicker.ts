import { selectorFor } from './selectorFor';

// Picker mode: the operator points at a number the reader could not find. An outline follows the
// cursor, a click binds the element (the page never sees that click), Esc cancels.

export interface ElementPickerHandlers {
  onPick(selector: string, sampleText: string): void;
  onCancel(): void;
}

const BOX_STYLE =
  'position:fixed;pointer-events:none;z-index:2147483647;outline:2px solid #f5222d;background:rgba(245,34,45,.08);' +
  'box-sizing:border-box;margin:0;padding:0;border:0;display:none;';
const TIP_STYLE =
  'position:absolute;left:0;top:100%;margin-top:2px;padding:2px 6px;background:#f5222d;color:#fff;' +
  'font:12px/1.4 system-ui,sans-serif;white-space:nowrap;max-width:320px;overflow:hidden;text-overflow:ellipsis;';
const SAMPLE_LIMIT = 80;

/** Starts picking in `doc`; returns `stop()`, which removes the outline and every listener. */
export function startElementPicker(doc: Document, handlers: ElementPickerHandlers): () => void {
  const box = doc.createElement('div');
  box.style.cssText = BOX_STYLE;
  box.setAttribute('data-livecue-picker', '');
  const tip = box.appendChild(doc.createElement('div'));
  tip.style.cssText = TIP_STYLE;
  (doc.body ?? doc.documentElement).append(box);
  let current: Element | null = null;
  const listening = new AbortController();
  const stop = () => {
    listening.abort();
    box.remove();
  };

  const sampleOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, SAMPLE_LIMIT);
  const swallow = (event: Event) => {
    // stopImmediatePropagation also stops propagation: no later listener, here or on the page, sees it.
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const onMove = (event: Event) => {
    const target = event.target as Element | null;
    if (!target || box.contains(target) || typeof target.getBoundingClientRect !== 'function') return;
    current = target;
    const rect = target.getBoundingClientRect();
    box.style.display = 'block';
    box.style.left = `${rect.left}px`;
    box.style.top = `${rect.top}px`;
    box.style.width = `${rect.width}px`;
    box.style.height = `${rect.height}px`;
    tip.textContent = sampleOf(target);
  };
  const on = <E extends Event>(type: string, listener: (event: E) => void) =>
    doc.addEventListener(type, listener as (event: Event) => void, {
      capture: true,
      signal: listening.signal,
    });

  on('mouseover', onMove);
  on('mousemove', onMove);
  on('click', (event) => {
    swallow(event);
    const target = (event.target as Element | null) ?? current;
    if (!target || target === box) return;
    const text = sampleOf(target);
    const selector = selectorFor(target);
    stop();
    handlers.onPick(selector, text);
  });
  for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) on(type, swallow);
  on('keydown', (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    swallow(event);
    stop();
    handlers.onCancel();
  });
  return stop;
}
