import type { CommandResult, EnabledSite } from '../../core/messages/commands';
import type { SendCommand } from '../sendCommand';

// Enabling Livecue on a dashboard no adapter knows, from an extension page: the browser asks the operator
// for that one origin (permissions.request must run in the click itself, before any await), then the
// background registers the content script for it and starts it in the tab.

export type { EnabledSite };

/** The origin of what the operator typed or the tab shows (`jd.com/live` → `https://jd.com`), or null. */
export function originOf(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (!/^[a-z0-9.-]+$/i.test(url.hostname) || (!url.hostname.includes('.') && url.hostname !== 'localhost'))
      return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

export interface SiteAccessDeps {
  send: SendCommand;
  /** chrome.permissions.request: only from a user gesture in an extension page. */
  request: (permissions: { origins: string[] }) => Promise<boolean>;
}

export type EnableOutcome =
  | { kind: 'enabled'; origin: string; started: boolean }
  | { kind: 'declined'; origin: string }
  | { kind: 'error'; error: string };

/** Call from the click handler: the permission request is the first thing it does. */
export function enableSite(
  origin: string,
  tabId: number | undefined,
  deps: SiteAccessDeps,
): Promise<EnableOutcome> {
  let asked: Promise<boolean>;
  try {
    asked = deps.request({ origins: [`${origin}/*`] });
  } catch (error) {
    return Promise.resolve({ kind: 'error', error: error instanceof Error ? error.message : String(error) });
  }
  return asked.then(
    async (granted): Promise<EnableOutcome> => {
      if (!granted) return { kind: 'declined', origin };
      const result = await deps.send({
        type: 'site.enable',
        origin,
        ...(tabId === undefined ? {} : { tabId }),
      });
      if (!result.ok) return { kind: 'error', error: result.error };
      return { kind: 'enabled', origin, started: result.data.started };
    },
    (error: unknown) => ({ kind: 'error', error: error instanceof Error ? error.message : String(error) }),
  );
}

/** The enabled sites from a `site.list` / `site.remove` answer; [] for anything else. */
export function sitesFrom(result: CommandResult): EnabledSite[] {
  if (!result.ok) return [];
  const sites = (result.data as { sites?: unknown } | undefined)?.sites;
  return Array.isArray(sites)
    ? sites.filter(
        (s): s is EnabledSite => typeof s?.origin === 'string' && typeof s?.registered === 'boolean',
      )
    : [];
}

interface ChromeTabs {
  tabs?: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  permissions?: { request(p: { origins: string[] }): Promise<boolean> };
}
const chromeApi = () => (globalThis as unknown as { chrome?: ChromeTabs }).chrome;

/** The tab the operator is looking at (its URL only when Livecue may already see it). */
export async function currentTab(): Promise<{ id?: number; origin: string | null }> {
  try {
    const [tab] = (await chromeApi()?.tabs?.query({ active: true, lastFocusedWindow: true })) ?? [];
    const origin = tab?.url && /^https?:/.test(tab.url) ? new URL(tab.url).origin : null;
    return { id: tab?.id, origin };
  } catch {
    return { origin: null };
  }
}

/** chrome.permissions.request, or a refusal where there is none (a test page). */
export const requestPermission = (permissions: { origins: string[] }): Promise<boolean> => {
  const api = chromeApi()?.permissions;
  return api ? api.request(permissions) : Promise.reject(new Error('No permissions API here'));
};
