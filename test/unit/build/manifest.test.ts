import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { originPatterns, ROOM_MODULE_FILE } from '../../../lib/room/roomModule';
import { E2E_MATCHES, PLATFORM_MATCHES } from '../../../lib/room/sites/platformMatches';
import config from '../../../wxt.config';

// The production extension reads only the platforms' live dashboards; only the e2e build may read
// localhost (for the mock room). Never all URLs.

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: number; command: string }) => {
  host_permissions?: string[];
  permissions?: string[];
  optional_permissions?: string[];
  commands?: Record<string, unknown>;
  default_locale?: string;
  optional_host_permissions?: string[];
  action?: Record<string, unknown>;
  web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
};

const messagesOf = (locale: string) =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Record<
    string,
    { message: string; description?: string }
  >;

const manifestFor = (mode: string) =>
  (config.manifest as ManifestFn)({ mode, browser: 'chrome', manifestVersion: 3, command: 'build' });

describe('manifest', () => {
  it('asks production for the platform dashboards only', () => {
    const manifest = manifestFor('production');
    expect(manifest.host_permissions).toEqual([...PLATFORM_MATCHES]);
    // Web-accessible resources grant no reading: they say which pages may load the room module (next test).
    const { optional_host_permissions: optional, web_accessible_resources: _, ...granted } = manifest;
    expect(JSON.stringify(granted)).not.toMatch(
      /localhost|127\.0\.0\.1|<all_urls>|\*:\/\/\*\/|https?:\/\/\*\//,
    );
    expect(manifest.permissions).not.toContain('tabs');
    // Any other site only on request, one origin at a time, from a click (never granted at install).
    expect(optional).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.permissions).toContain('scripting');
  });

  it('lets pages load the room module at its own URL only on the platform dashboards', () => {
    const [fixed, dynamic, ...more] = manifestFor('production').web_accessible_resources ?? [];
    expect(more).toEqual([]);
    expect(fixed).toEqual({ resources: [ROOM_MODULE_FILE], matches: originPatterns(PLATFORM_MATCHES) });
    expect(fixed!.matches).toContain('https://buyin.jinritemai.com/*');
    // Anywhere else (a site enabled at run time) only by a URL that changes every session: no page can probe for it.
    expect(dynamic).toEqual({
      resources: [ROOM_MODULE_FILE],
      matches: ['<all_urls>'],
      use_dynamic_url: true,
    });
    expect(manifestFor('e2e').web_accessible_resources![0]!.matches).toContain('http://localhost/*');
  });

  it('lets the e2e build read localhost too', () => {
    expect(manifestFor('e2e').host_permissions).toEqual(expect.arrayContaining([...E2E_MATCHES]));
  });

  it('adds localhost content-script matches only in e2e mode', () => {
    const hooks = config.hooks as unknown as Record<string, (wxt: unknown, manifest: unknown) => void>;
    const hook = hooks['build:manifestGenerated']!;
    const production = { content_scripts: [{ matches: [...PLATFORM_MATCHES] }] };
    hook({ config: { mode: 'production' } }, production);
    expect(production.content_scripts[0]!.matches).toEqual([...PLATFORM_MATCHES]);
    const e2e = { content_scripts: [{ matches: [...PLATFORM_MATCHES] }] };
    hook({ config: { mode: 'e2e' } }, e2e);
    expect(e2e.content_scripts[0]!.matches).toEqual(expect.arrayContaining([...E2E_MATCHES]));
  });

  it('asks for notifications only when the user turns them on (the e2e build holds it for headless tests)', () => {
    const production = manifestFor('production');
    expect(production.permissions).not.toContain('notifications');
    expect(production.optional_permissions).toEqual(['notifications']);
    expect(manifestFor('e2e').permissions).toContain('notifications');
  });

  it('names the extension, its description and its shortcuts in English and Chinese through _locales', () => {
    const manifest = manifestFor('production');
    expect(manifest.default_locale).toBe('en');
    const [en, zh] = [messagesOf('en'), messagesOf('zh_CN')];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const used = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(used).toEqual(expect.arrayContaining(['extName', 'extDescription', 'command_cue_done']));
    for (const key of used) {
      expect(en[key]?.message, key).toBeTruthy();
      expect(zh[key]?.message, key).toMatch(/[\u4e00-\u9fff]|^Livecue$/);
    }
    // The stores' limits.
    for (const messages of [en, zh]) {
      expect(messages.extName!.message.length).toBeLessThanOrEqual(75);
      expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
      expect(messages.extShortName!.message.length).toBeLessThanOrEqual(12);
    }
  });

  it('lets the toolbar button open the side panel: no popup, its own localised title', () => {
    expect(manifestFor('production').action).toEqual({ default_title: '__MSG_actionTitle__' });
    // WXT turns an entrypoint named popup into the button's popup; the session history is an unlisted page.
    expect(readdirSync('entrypoints').filter((name) => /^popup(\.|$)/.test(name))).toEqual([]);
    expect(readdirSync('entrypoints/sessions')).toContain('index.html');
  });
});
