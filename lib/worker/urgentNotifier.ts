import type { Cue } from '../core/engine/types';
import { renderCueText } from '../core/format/renderCue';
import { toolbarMessages } from '../core/i18n/toolbarMessages';
import { createTranslator, resolveLocale } from '../core/i18n/translate';
import type { Settings } from '../core/settings/settingsSchema';
import type { SessionCues } from '../store/openCues';

// A system notification for an urgent cue while the side panel is closed (off by default; a local
// notification, nothing leaves the machine). Each cue is announced once when it fires, and again only if
// it comes back from a snooze; its notification goes away when the cue is acted on or expires. Written
// against small interfaces so it runs in unit tests; setupNotifications.ts binds it to Chrome.

export const NOTIFICATION_PREFIX = 'livecue-cue:';

/** A cue older than this when first seen is not announced (the setting was just turned on, a restart). */
export const ANNOUNCE_WITHIN_MS = 60_000;

/** The most announced cues remembered; older ones are forgotten first. */
const REMEMBERED = 200;

export interface NotificationOptions {
  type: 'basic';
  iconUrl: string;
  title: string;
  message: string;
  contextMessage?: string;
  priority: number;
  buttons: { title: string }[];
}

/** The part of `chrome.notifications` the notifier uses. */
export interface NotificationsApi {
  create(id: string, options: NotificationOptions): Promise<unknown>;
  clear(id: string): Promise<unknown>;
  /** Ids of the notifications on screen: after a worker restart, the ones to take back when acted on. */
  getAll(): Promise<Record<string, unknown>>;
}

export interface NotifierDeps {
  settings(): Promise<Settings>;
  /** Chrome's notifications, or undefined while the user has not granted the permission. */
  notifications(): NotificationsApi | undefined;
  /** Whether a side panel (or the panel page in a tab) is open. */
  panelShowing(): Promise<boolean>;
  /** Announced keys, kept across worker restarts (chrome.storage.session). */
  loadAnnounced(): Promise<string[]>;
  saveAnnounced(keys: string[]): Promise<void>;
  iconUrl: string;
  language?: string;
  wallNow(): number;
}

/** When a cue last became active: when it fired, or when its snooze ended. Part of its announcement key. */
const activeSince = (cue: Cue) => Math.max(cue.firedAt, cue.snoozedUntil ?? 0);
export const announceKey = (cue: Cue) => `${cue.id}@${activeSince(cue)}`;
export const notificationId = (cueId: string) => `${NOTIFICATION_PREFIX}${cueId}`;
export const cueIdOf = (id: string) =>
  id.startsWith(NOTIFICATION_PREFIX) ? id.slice(NOTIFICATION_PREFIX.length) : null;

/** Active, unexpired cues of the open rooms, each with its room's clock. */
export function activeCues(rooms: readonly SessionCues[], wallNow: number): { cue: Cue; now: number }[] {
  const out: { cue: Cue; now: number }[] = [];
  for (const { session, cues } of rooms) {
    const now = wallNow - (session.clockOffsetMs ?? 0);
    for (const cue of cues) if (cue.status === 'active' && cue.expiresAt > now) out.push({ cue, now });
  }
  return out;
}

/** The urgent cues to announce now: active, fresh, and not announced before. */
export function cuesToAnnounce(
  rooms: readonly SessionCues[],
  wallNow: number,
  announced: ReadonlySet<string>,
): Cue[] {
  return activeCues(rooms, wallNow)
    .filter(
      ({ cue, now }) =>
        cue.severity === 'urgent' &&
        now - activeSince(cue) <= ANNOUNCE_WITHIN_MS &&
        !announced.has(announceKey(cue)),
    )
    .map(({ cue }) => cue);
}

export function notificationFor(
  cue: Cue,
  room: string,
  settings: Pick<Settings, 'locale'>,
  iconUrl: string,
  language?: string,
): NotificationOptions {
  const locale = resolveLocale(settings.locale, language);
  const t = createTranslator(locale, toolbarMessages);
  const { title, detail } = renderCueText(cue, locale);
  return {
    type: 'basic',
    iconUrl,
    title,
    message: detail,
    contextMessage: room,
    priority: 2,
    buttons: [{ title: t('notify.done') }, { title: t('notify.snooze') }],
  };
}

export interface UrgentNotifier {
  /** Feed every change of the open rooms' cues; changes are handled one after another. */
  update(rooms: SessionCues[]): Promise<void>;
}

export function createUrgentNotifier(deps: NotifierDeps): UrgentNotifier {
  let announced: string[] | undefined;
  /** Cue ids whose notification may be on screen. */
  const shown = new Set<string>();
  let chain = Promise.resolve();

  const handle = async (rooms: SessionCues[]) => {
    const api = deps.notifications();
    if (announced === undefined) {
      announced = await deps.loadAnnounced().catch(() => []);
      const onScreen = await api?.getAll().catch(() => ({}));
      for (const id of Object.keys(onScreen ?? {})) {
        const cueId = cueIdOf(id);
        if (cueId) shown.add(cueId);
      }
    }
    const settings = await deps.settings();
    const wallNow = deps.wallNow();
    const active = new Set(activeCues(rooms, wallNow).map(({ cue }) => cue.id));
    // Acted on, expired, or the setting was turned off: the notification has nothing left to ask.
    for (const id of [...shown]) {
      if (active.has(id) && settings.notifyUrgent) continue;
      shown.delete(id);
      await api?.clear(notificationId(id)).catch(() => undefined);
    }
    if (!settings.notifyUrgent || !api) return;
    const fresh = cuesToAnnounce(rooms, wallNow, new Set(announced));
    if (fresh.length === 0) return;
    // Remembered even when the panel is open: the operator saw it there, so closing the panel later
    // must not bring up an old cue.
    announced = [...announced, ...fresh.map(announceKey)].slice(-REMEMBERED);
    await deps.saveAnnounced(announced).catch(() => undefined);
    if (await deps.panelShowing()) return;
    const titles = new Map(rooms.map(({ session }) => [session.id, session.title || session.roomKey]));
    for (const cue of fresh) {
      const options = notificationFor(
        cue,
        titles.get(cue.sessionId) ?? '',
        settings,
        deps.iconUrl,
        deps.language,
      );
      await api.create(notificationId(cue.id), options);
      shown.add(cue.id);
    }
  };

  return {
    update(rooms) {
      chain = chain
        .then(() => handle(rooms))
        .catch((error: unknown) => console.warn('Livecue: notification not shown', error));
      return chain;
    },
  };
}
