import { useEffect, useState } from 'preact/hooks';
import {
  bindingsFrom,
  type ReadCommands,
  type ShortcutBindings,
} from '../../lib/ui/shortcuts/shortcutBindings';

/**
 * The shortcut keys as Chrome has them, read again whenever the page comes back into view (the user may
 * just have changed them on chrome://extensions/shortcuts). null until known, or when Chrome will not say.
 */
export function useShortcutBindings(read: ReadCommands): ShortcutBindings | null {
  const [bindings, setBindings] = useState<ShortcutBindings | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () => {
      // Through a promise, so an API that is missing altogether also ends as "unknown".
      Promise.resolve()
        .then(read)
        .then(
          (commands) => {
            if (live) setBindings(bindingsFrom(commands));
          },
          () => {
            if (live) setBindings(null);
          },
        );
    };
    refresh();
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', onVisible);
    addEventListener('focus', refresh);
    return () => {
      live = false;
      document.removeEventListener('visibilitychange', onVisible);
      removeEventListener('focus', refresh);
    };
  }, [read]);
  return bindings;
}
