import { describe, expect, it } from 'vitest';
import { E2E_MATCHES, PLATFORM_MATCHES } from '../../../lib/room/sites/platformMatches';
import config from '../../../wxt.config';

// The production extension reads only the platforms' live dashboards; only the e2e build may read
// localhost (for the mock room). Never all URLs.

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: number; command: string }) => {
  host_permissions?: string[];
  permissions?: string[];
  optional_host_permissions?: string[];
};

const manifestFor = (mode: string) =>
  (config.manifest as ManifestFn)({ mode, browser: 'chrome', manifestVersion: 3, command: 'build' });

describe('manifest', () => {
  it('asks production for the platform dashboards only', () => {
    const manifest = manifestFor('production');
    expect(manifest.host_permissions).toEqual([...PLATFORM_MATCHES]);
    const { optional_host_permissions: optional, ...granted } = manifest;
    expect(JSON.stringify(granted)).not.toMatch(
      /localhost|127\.0\.0\.1|<all_urls>|\*:\/\/\*\/|https?:\/\/\*\//,
    );
    expect(manifest.permissions).not.toContain('tabs');
    // Any other site only on request, one origin at a time, from a click (never granted at install).
    expect(optional).toEqual(['https://*/*', 'http://*/*']);
    expect(manifest.permissions).toContain('scripting');
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
});
