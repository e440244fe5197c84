import type { Command, CommandAnswers, EnabledSite } from '../core/messages/commands';
import { OPEN_GATE, type StartupGate } from './startupGate';

// Any dashboard, on request: an operator whose platform has no adapter (JD, Pinduoduo, Shopee, a brand's own
// screen) enables Livecue on its origin. The page asks for the origin as an optional host permission from
// the operator's click (only an extension page can); this concern registers the content script for that
// origin at run time, starts it in the tab at once, and undoes both on removal. The registrations are checked
// against the granted permissions whenever the worker starts and whenever a permission comes or goes (the
// operator can also revoke a site in chrome://extensions), so the two never drift apart.

type SiteCommandType = 'site.enable' | 'site.remove' | 'site.list';
type SiteCommand<T extends SiteCommandType = SiteCommandType> = Extract<Command, { type: T }>;

const ID_PREFIX = 'livecue-site:';
const patternOf = (origin: string) => `${origin}/*`;

/** `https://shop.example.com/*` → `https://shop.example.com`; null for wildcards and anything else. */
export function originOfPattern(pattern: string): string | null {
  const m = /^(https?:\/\/[^/*]+)\/\*$/.exec(pattern);
  return m ? m[1]!.toLowerCase() : null;
}

interface RegisteredScript {
  id: string;
  matches?: string[];
}

/** The extension APIs this concern uses, injectable so the logic is tested without a browser. */
export interface SiteAccessApi {
  manifest(): { host_permissions?: string[]; content_scripts?: { js?: string[] }[] };
  grantedOrigins(): Promise<string[]>;
  contains(pattern: string): Promise<boolean>;
  removePermission(pattern: string): Promise<boolean>;
  registered(): Promise<RegisteredScript[]>;
  register(scripts: { id: string; matches: string[]; js: string[] }[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  inject(tabId: number, files: string[]): Promise<void>;
  tabOrigin(tabId: number): Promise<string | null>;
}

export function createSiteAccess(api: SiteAccessApi) {
  const scriptFiles = () => api.manifest().content_scripts?.[0]?.js ?? [];
  // Chrome reports the manifest's own path patterns as whole-host grants too (`https://shop.tiktok.com/*`):
  // those hosts are the platforms Livecue always reads, never sites enabled on request.
  const platformHosts = () =>
    (api.manifest().host_permissions ?? [])
      .map((p) => /^(?:\*|https?):\/\/([^/]+)\//.exec(p)?.[1]?.toLowerCase())
      .filter((h): h is string => !!h);
  const isPlatform = (origin: string, hosts: string[]) => {
    const host = new URL(origin).host;
    return hosts.some(
      (h) => h === host || (h.startsWith('*.') && (host === h.slice(2) || host.endsWith(h.slice(1)))),
    );
  };

  /** Origins granted at run time (not the manifest's own platforms), in order. */
  const enabledOrigins = async (): Promise<string[]> => {
    const hosts = platformHosts();
    const origins = (await api.grantedOrigins())
      .map(originOfPattern)
      .filter((o): o is string => o !== null && !isPlatform(o, hosts));
    return [...new Set(origins)].sort();
  };

  const ours = async () => (await api.registered()).filter((s) => s.id.startsWith(ID_PREFIX));

  /**
   * Registers what is granted and not registered, unregisters what is registered and no longer granted. A
   * site allowed in chrome://extensions ("site access") is granted without showing in getAll(), so a
   * registration is only dropped once `contains` says no too.
   */
  const syncNow = async (also: string[] = []): Promise<EnabledSite[]> => {
    const listed = await enabledOrigins();
    const registered = await ours();
    const originOfId = (id: string) => id.slice(ID_PREFIX.length);
    const candidates = [...new Set([...also, ...registered.map((s) => originOfId(s.id))])].filter(
      (o) => !listed.includes(o),
    );
    const stillGranted: string[] = [];
    for (const o of candidates) if (await api.contains(patternOf(o))) stillGranted.push(o);
    const origins = [...listed, ...stillGranted].sort();
    const have = new Set(registered.map((s) => originOfId(s.id)));
    const stale = registered.filter((s) => !origins.includes(originOfId(s.id))).map((s) => s.id);
    if (stale.length > 0) await api.unregister(stale);
    const missing = origins.filter((o) => !have.has(o));
    const files = scriptFiles();
    let failed = new Set<string>();
    if (missing.length > 0 && files.length > 0) {
      try {
        await api.register(
          missing.map((o) => ({ id: `${ID_PREFIX}${o}`, matches: [patternOf(o)], js: files })),
        );
      } catch {
        // Another registration of the same id may have won (an id is registered once): ask what is there.
        const now = new Set((await ours()).map((s) => originOfId(s.id)));
        failed = new Set(missing.filter((o) => !now.has(o)));
      }
    }
    return origins.map((o) => ({ origin: o, registered: files.length > 0 && !failed.has(o) }));
  };

  // One check at a time: a granted permission fires onAdded (a sync) while the page's site.enable syncs
  // too, and two registrations of one script id make the second fail.
  let queue: Promise<unknown> = Promise.resolve();
  const sync = (also: string[] = []): Promise<EnabledSite[]> => {
    const next = queue.then(
      () => syncNow(also),
      () => syncNow(also),
    );
    queue = next.catch(() => undefined);
    return next;
  };

  const enable = async (origin: string, tabId?: number): Promise<CommandAnswers['site.enable']> => {
    const site = origin.toLowerCase();
    if (!(await api.contains(patternOf(site))))
      throw new Error(`Livecue may not read ${site} yet: allow it when the browser asks.`);
    const sites = await sync([site]);
    if (!sites.find((s) => s.origin === site)?.registered)
      throw new Error(`Could not start Livecue on ${site}.`);
    // Start on the open tab now rather than after a reload; a later load runs the registered script.
    let started = false;
    if (tabId !== undefined && (await api.tabOrigin(tabId)) === site) {
      await api.inject(tabId, scriptFiles());
      started = true;
    }
    return { sites, started };
  };

  const remove = async (origin: string): Promise<CommandAnswers['site.remove']> => {
    const site = origin.toLowerCase();
    const id = `${ID_PREFIX}${site}`;
    if ((await ours()).some((s) => s.id === id)) await api.unregister([id]);
    await api.removePermission(patternOf(site));
    return { sites: await sync() };
  };

  return {
    sync,
    enable,
    remove,
    list: async (): Promise<CommandAnswers['site.list']> => ({ sites: await sync() }),
  };
}

interface ChromeLike {
  runtime: { getManifest(): ReturnType<SiteAccessApi['manifest']> };
  permissions: {
    getAll(): Promise<{ origins?: string[] }>;
    contains(p: { origins: string[] }): Promise<boolean>;
    remove(p: { origins: string[] }): Promise<boolean>;
    onAdded: { addListener(l: () => void): void };
    onRemoved: { addListener(l: () => void): void };
  };
  scripting: {
    getRegisteredContentScripts(): Promise<RegisteredScript[]>;
    registerContentScripts(s: object[]): Promise<void>;
    unregisterContentScripts(f: { ids: string[] }): Promise<void>;
    executeScript(i: object): Promise<unknown>;
  };
  tabs: { get(id: number): Promise<{ url?: string }> };
}

const chromeApi = (): ChromeLike => (globalThis as unknown as { chrome: ChromeLike }).chrome;

function browserSiteAccess(): SiteAccessApi {
  const c = chromeApi();
  return {
    manifest: () => c.runtime.getManifest(),
    grantedOrigins: async () => (await c.permissions.getAll()).origins ?? [],
    contains: (pattern) => c.permissions.contains({ origins: [pattern] }),
    removePermission: (pattern) => c.permissions.remove({ origins: [pattern] }),
    registered: () => c.scripting.getRegisteredContentScripts(),
    register: (scripts) =>
      c.scripting.registerContentScripts(
        scripts.map((s) => ({ ...s, runAt: 'document_idle', allFrames: true, persistAcrossSessions: true })),
      ),
    unregister: (ids) => c.scripting.unregisterContentScripts({ ids }),
    inject: async (tabId, files) => {
      await c.scripting.executeScript({ target: { tabId, allFrames: true }, files });
    },
    tabOrigin: async (tabId) => {
      try {
        const url = (await c.tabs.get(tabId)).url;
        return url ? new URL(url).origin.toLowerCase() : null;
      } catch {
        return null;
      }
    },
  };
}

let shared: ReturnType<typeof createSiteAccess> | undefined;
const siteAccess = () => {
  shared ??= createSiteAccess(browserSiteAccess());
  return shared;
};

/** The command handlers of site.enable / site.remove / site.list (a thrown error answers `ok: false`). */
export const siteAccessHandlers = {
  'site.enable': ({ origin, tabId }: SiteCommand<'site.enable'>) => siteAccess().enable(origin, tabId),
  'site.remove': ({ origin }: SiteCommand<'site.remove'>) => siteAccess().remove(origin),
  'site.list': (_command: SiteCommand<'site.list'>) => siteAccess().list(),
};

/** Listeners first (synchronously, as every concern), then the start-up check of what is registered. */
export function setupSiteAccess(startup: Pick<StartupGate, 'later'> = OPEN_GATE): void {
  const c = chromeApi();
  // `in`, not a read: reading chrome.scripting builds its bindings, which only the later sync needs.
  if (!c?.permissions || !('scripting' in c)) return;
  const sync = () => {
    siteAccess()
      .sync()
      .catch((error: unknown) => console.warn('Livecue: enabled sites not checked', error));
  };
  c.permissions.onAdded.addListener(sync);
  c.permissions.onRemoved.addListener(sync);
  startup.later(sync);
}
