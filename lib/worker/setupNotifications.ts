import { PANEL_PAGE } from '../core/extensionPages';
import { commandSchema } from '../core/messages/commands';
import type { Settings } from '../core/settings/settingsSchema';
import type { OpenCueWatch } from './openCueWatch';
import type { RunCommand } from './setupShortcuts';
import { createUrgentNotifier, cueIdOf, type NotificationsApi } from './urgentNotifier';

// Urgent cues as system notifications while the side panel is closed (settings: notifyUrgent, off by
// default). The `notifications` permission is optional: the settings page asks for it when the user turns
// this on, so until then `chrome.notifications` does not exist and nothing is shown. The notification's
// buttons act on the cue like the panel's; a click on it opens the side panel.

const ANNOUNCED_KEY = 'livecue.announcedCues';
const BUTTON_ACTIONS = ['cue.done', 'cue.snooze'] as const;

type Notifications = typeof browser.notifications;
const notificationsApi = (): Notifications | undefined =>
  (globalThis as { chrome?: { notifications?: Notifications } }).chrome?.notifications;

/** Whether the side panel, or the panel page in a tab (as `npm start` opens it headless), is open. */
async function panelShowing(): Promise<boolean> {
  const contexts = await browser.runtime.getContexts({ contextTypes: ['SIDE_PANEL', 'TAB'] });
  return contexts.some(
    (context) => context.contextType === 'SIDE_PANEL' || context.documentUrl?.includes(PANEL_PAGE),
  );
}

export function setupNotifications(
  watch: OpenCueWatch,
  settings: { get(): Promise<Settings> },
  run: RunCommand,
): void {
  const notifier = createUrgentNotifier({
    settings: () => settings.get(),
    notifications: () => notificationsApi() as NotificationsApi | undefined,
    panelShowing,
    loadAnnounced: async () => {
      const stored = (await browser.storage.session.get(ANNOUNCED_KEY))[ANNOUNCED_KEY];
      return Array.isArray(stored) ? stored.filter((key): key is string => typeof key === 'string') : [];
    },
    saveAnnounced: (keys) => browser.storage.session.set({ [ANNOUNCED_KEY]: keys }),
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    language: globalThis.navigator?.language,
    wallNow: Date.now,
  });
  watch.subscribe((rooms) => void notifier.update(rooms));

  let listening = false;
  const listen = () => {
    const api = notificationsApi();
    if (!api || listening) return;
    listening = true;
    api.onButtonClicked.addListener((id, index) => {
      const cueId = cueIdOf(id);
      const type = BUTTON_ACTIONS[index];
      if (!cueId || !type) return;
      void api.clear(id);
      void run(commandSchema().parse({ type, cueId })).then((result) => {
        if (!result.ok) console.warn(`Livecue: ${type} from a notification failed: ${result.error}`);
      });
    });
    api.onClicked.addListener((id) => {
      if (!cueIdOf(id)) return;
      void api.clear(id);
      // Called at once, within the click: Chrome opens a side panel only in answer to a user gesture.
      browser.sidePanel
        .open({ windowId: browser.windows.WINDOW_ID_CURRENT })
        .catch((error: unknown) => console.warn('Livecue: could not open the side panel', error));
    });
  };
  // Registered in the first turn when the permission is already held; otherwise once the user grants it.
  listen();
  browser.permissions.onAdded.addListener((granted) => {
    if (granted.permissions?.includes('notifications')) listen();
  });
}
