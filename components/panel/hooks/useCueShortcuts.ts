import { useEffect, useRef } from 'preact/hooks';
import type { CueAction } from '../../../lib/core/engine/types';
import { CUE_SHORTCUTS } from '../CueActions';

// D / S / X act on the current cue while the panel has focus; keys typed into a field are the field's.

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function useCueShortcuts(act: (action: CueAction) => void): void {
  // The listener is added once; the latest handler is read through a ref.
  const actRef = useRef(act);
  actRef.current = act;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const action = CUE_SHORTCUTS[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      actRef.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
