import { type CueBadge, cueBadge } from '../core/cues/cueBadge';
import { toolbarMessages } from '../core/i18n/toolbarMessages';
import { createTranslator, resolveLocale } from '../core/i18n/translate';
import type { Settings } from '../core/settings/settingsSchema';
import type { SessionCues } from '../store/openCues';
import type { OpenCueWatch } from './openCueWatch';

// The toolbar badge: the number of cues waiting in the open rooms, coloured by the most severe, and a
// tooltip that says the same in words (a badge alone is not read out by screen readers).

/** The part of `chrome.action` the badge uses. */
export interface BadgeSurface {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setBadgeTextColor?(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

/** The badge for these rooms at wall time `wallNow`, each room judged on its own session clock. */
export function badgeOfRooms(rooms: readonly SessionCues[], wallNow: number): CueBadge {
  return cueBadge(rooms.map(({ session, cues }) => ({ cues, now: wallNow - (session.clockOffsetMs ?? 0) })));
}

export function badgeTitle(badge: CueBadge, settings: Pick<Settings, 'locale'>, language?: string): string {
  const t = createTranslator(resolveLocale(settings.locale, language), toolbarMessages);
  if (!badge.severity) return t('toolbar.idle');
  return t('toolbar.waiting', { count: badge.count, severity: t(`toolbar.severity.${badge.severity}`) });
}

export function setupBadge(
  watch: OpenCueWatch,
  settings: { get(): Promise<Settings> },
  given?: BadgeSurface,
  wallNow: () => number = Date.now,
): void {
  // chrome.action is reached at the first badge, not at start: its bindings cost a worker's start a few ms,
  // and the badge waits for the first samples anyway (the open-cue watch starts after them).
  const surface = () => given ?? browser.action;
  let shown = '';
  // Each change is applied after the one before it, so a slow settings read never puts an older badge back.
  let chain = Promise.resolve();
  watch.subscribe((rooms) => {
    chain = chain
      .then(async () => {
        const badge = badgeOfRooms(rooms, wallNow());
        const title = badgeTitle(badge, await settings.get(), globalThis.navigator?.language);
        const key = `${badge.text}|${badge.colour}|${title}`;
        if (key === shown) return;
        shown = key;
        const action = surface();
        await Promise.all([
          action.setBadgeText({ text: badge.text }),
          action.setBadgeBackgroundColor({ color: badge.colour }),
          action.setBadgeTextColor?.({ color: '#ffffff' }),
          action.setTitle({ title }),
        ]);
      })
      .catch((error: unknown) => console.warn('Livecue: badge not updated', error));
  });
}
