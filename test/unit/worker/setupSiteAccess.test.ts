import { describe, expect, it } from 'vitest';
import { createSiteAccess, originOfPattern, type SiteAccessApi } from '../../../lib/worker/setupSiteAccess';

// A fake browser: granted origins, registered scripts and injected tabs, as chrome.permissions / scripting keep them.
function fakeBrowser(granted: string[] = []) {
  const state = {
    // Chrome lists the manifest's patterns and their whole hosts among the granted origins.
    granted: new Set([
      'https://shop.tiktok.com/streamer/live/*',
      'https://shop.tiktok.com/*',
      'https://*.tiktok.com/*',
      'http://localhost/*',
      ...granted,
    ]),
    scripts: new Map<string, string[]>(),
    injected: [] as number[],
    tabs: new Map<number, string>([[7, 'https://live.jd.com/room/1']]),
  };
  const api: SiteAccessApi = {
    manifest: () => ({
      host_permissions: [
        'https://shop.tiktok.com/streamer/live/*',
        'https://*.tiktok.com/compass/live-*',
        'http://localhost/*',
      ],
      content_scripts: [{ js: ['content-scripts/content.js'] }],
    }),
    grantedOrigins: async () => [...state.granted],
    contains: async (p) => state.granted.has(p),
    removePermission: async (p) => state.granted.delete(p),
    registered: async () => [...state.scripts].map(([id, matches]) => ({ id, matches })),
    register: async (scripts) => {
      await Promise.resolve();
      // As Chrome: an id is registered once.
      if (scripts.some((s) => state.scripts.has(s.id))) throw new Error('Duplicate script ID');
      for (const s of scripts) state.scripts.set(s.id, s.matches);
    },
    unregister: async (ids) => {
      for (const id of ids) state.scripts.delete(id);
    },
    inject: async (tabId) => {
      state.injected.push(tabId);
    },
    tabOrigin: async (tabId) => (state.tabs.has(tabId) ? new URL(state.tabs.get(tabId)!).origin : null),
  };
  return { api, state };
}

describe('site access', () => {
  it('enables a granted origin: registers the content script for it and starts it in the open tab', async () => {
    const { api, state } = fakeBrowser(['https://live.jd.com/*']);
    const access = createSiteAccess(api);
    expect(await access.enable('https://live.jd.com', 7)).toEqual({
      sites: [{ origin: 'https://live.jd.com', registered: true }],
      started: true,
    });
    expect(state.scripts.get('livecue-site:https://live.jd.com')).toEqual(['https://live.jd.com/*']);
    expect(state.injected).toEqual([7]);
  });

  it('enables a site while the permission event checks the same site (the browser fires it as it grants)', async () => {
    const { api, state } = fakeBrowser(['https://live.jd.com/*']);
    const access = createSiteAccess(api);
    const [fromEvent, enabled] = await Promise.all([access.sync(), access.enable('https://live.jd.com', 7)]);
    expect(enabled.sites).toEqual([{ origin: 'https://live.jd.com', registered: true }]);
    expect(fromEvent).toEqual([{ origin: 'https://live.jd.com', registered: true }]);
    expect([...state.scripts.keys()]).toEqual(['livecue-site:https://live.jd.com']);
  });

  it('refuses an origin the operator has not allowed, with a clear error', async () => {
    const { api, state } = fakeBrowser();
    await expect(createSiteAccess(api).enable('https://live.jd.com')).rejects.toThrow(/allow it/);
    expect(state.scripts.size).toBe(0);
  });

  it('removes both the registration and the permission', async () => {
    const { api, state } = fakeBrowser(['https://live.jd.com/*']);
    const access = createSiteAccess(api);
    await access.enable('https://live.jd.com');
    expect(await access.remove('https://live.jd.com')).toEqual({ sites: [] });
    expect(state.scripts.size).toBe(0);
    expect(state.granted.has('https://live.jd.com/*')).toBe(false);
  });

  it('at worker start, registers what is granted and drops what was revoked elsewhere', async () => {
    const { api, state } = fakeBrowser(['https://screen.brand.cn/*']);
    state.scripts.set('livecue-site:https://gone.example.com', ['https://gone.example.com/*']);
    state.scripts.set('someone-else', ['https://x.test/*']);
    expect(await createSiteAccess(api).sync()).toEqual([
      { origin: 'https://screen.brand.cn', registered: true },
    ]);
    expect([...state.scripts.keys()].sort()).toEqual([
      'livecue-site:https://screen.brand.cn',
      'someone-else',
    ]);
  });

  it('keeps a site allowed in chrome://extensions (granted, though getAll does not list it)', async () => {
    const { api, state } = fakeBrowser();
    const contains = api.contains;
    api.contains = async (p) => p === 'https://screen.brand.cn/*' || contains(p);
    const access = createSiteAccess(api);
    expect(await access.enable('https://screen.brand.cn')).toMatchObject({ started: false });
    expect(await access.sync()).toEqual([{ origin: 'https://screen.brand.cn', registered: true }]);
    expect(state.scripts.has('livecue-site:https://screen.brand.cn')).toBe(true);
  });

  it('never lists the manifest’s own platforms or wildcard grants as enabled sites', () => {
    expect(originOfPattern('https://live.jd.com/*')).toBe('https://live.jd.com');
    expect(originOfPattern('https://*/*')).toBeNull();
    expect(originOfPattern('https://shop.tiktok.com/streamer/live/*')).toBeNull();
  });

  it('never takes a platform host Chrome reports as granted for an enabled site', async () => {
    const { api, state } = fakeBrowser(['https://seller-us.tiktok.com/*']);
    expect(await createSiteAccess(api).sync()).toEqual([]);
    expect(state.scripts.size).toBe(0);
  });
});
