import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ensureChromium,
  findChromium,
  installPlan,
  MISSING_BROWSER_MESSAGE,
  MissingBrowserError,
} from '../../../../scripts/node/findChromium';

// `npm start` and `npm test` find Debian's chromium, or install it where the machine lets them (root or
// passwordless sudo, with apt-get), and otherwise stop with one line that says how.

const facts = { isRoot: false, hasAptGet: true, hasPasswordlessSudo: false, installRefused: false };

function fakeBin(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'livecue-bin-'));
  for (const name of names) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

describe('installPlan', () => {
  it('installs with apt-get directly as root', () => {
    expect(installPlan({ ...facts, isRoot: true })).toEqual([
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-q', 'chromium'],
    ]);
  });

  it('goes through sudo -n when sudo needs no password', () => {
    const plan = installPlan({ ...facts, hasPasswordlessSudo: true });
    expect(plan?.map((command) => command.slice(0, 2))).toEqual([
      ['sudo', '-n'],
      ['sudo', '-n'],
    ]);
    expect(plan?.[1]?.slice(-4)).toEqual(['install', '-y', '-q', 'chromium']);
  });

  it('does nothing where it would have to ask for a password, lacks apt-get, or was told not to', () => {
    expect(installPlan(facts)).toBeNull();
    expect(installPlan({ ...facts, isRoot: true, hasAptGet: false })).toBeNull();
    expect(installPlan({ ...facts, isRoot: true, installRefused: true })).toBeNull();
  });
});

describe('findChromium and ensureChromium', () => {
  it('finds chromium on PATH, and honours CHROME_PATH', () => {
    const dir = fakeBin('chromium');
    expect(findChromium({ PATH: dir })).toBe(join(dir, 'chromium'));
    expect(() => findChromium({ PATH: dir, CHROME_PATH: '/nowhere/chrome' })).toThrow(/CHROME_PATH/);
  });

  it('stops with the one line when nothing is found and nothing may be installed', () => {
    // No apt-get on this PATH, so no install is attempted whoever runs the test.
    const env = { PATH: fakeBin('true') };
    const lines: string[] = [];
    expect(() => ensureChromium(env, (line) => lines.push(line))).toThrow(MissingBrowserError);
    expect(() => ensureChromium(env, () => {})).toThrow(MISSING_BROWSER_MESSAGE);
    expect(lines).toEqual([]);
  });

  it("installs Debian's chromium through apt-get, saying so, and returns it", () => {
    // A stand-in apt-get that "installs" chromium next to itself.
    const dir = fakeBin();
    const apt = join(dir, 'apt-get');
    writeFileSync(
      apt,
      `#!/bin/sh\nif [ "$1" = install ]; then printf '#!/bin/sh\\n' > "${dir}/chromium"; /bin/chmod +x "${dir}/chromium"; fi\n`,
    );
    chmodSync(apt, 0o755);
    const lines: string[] = [];
    const path = ensureChromium({ PATH: dir }, (line) => lines.push(line), { ...facts, isRoot: true });
    expect(path).toBe(join(dir, 'chromium'));
    expect(lines[0]).toMatch(/No Chromium found: installing Debian's chromium/);
    expect(lines).toContain('$ apt-get install -y -q chromium');
  });

  it('stops with the one line when apt-get fails', () => {
    const dir = fakeBin();
    writeFileSync(join(dir, 'apt-get'), '#!/bin/sh\nexit 100\n');
    chmodSync(join(dir, 'apt-get'), 0o755);
    expect(() => ensureChromium({ PATH: dir }, () => {}, { ...facts, isRoot: true })).toThrow(
      /Installing chromium failed .*exited with 100.*No Chromium found/,
    );
  });

  it('returns the browser it finds without installing anything', () => {
    const dir = fakeBin('chromium', 'apt-get');
    const lines: string[] = [];
    expect(ensureChromium({ PATH: dir }, (line) => lines.push(line))).toBe(join(dir, 'chromium'));
    expect(lines).toEqual([]);
  });
});
