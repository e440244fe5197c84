import { describe, expect, it } from 'vitest';
import {
  handContext,
  originPatterns,
  ROOM_MODULE_FILE,
  roomModuleUrl,
  takeHandedContext,
} from '../../../lib/room/roomModule';
import { E2E_MATCHES, PLATFORM_MATCHES } from '../../../lib/room/sites/platformMatches';

const DECLARED = [
  'https://buyin.jinritemai.com/dashboard/live/control*',
  'https://*.tiktok.com/compass/live-*',
];
const dynamicUrl = () => 'chrome-extension://per-session-id/contentRoom.js';

describe('originPatterns: where the room module is reachable at its own URL', () => {
  it('takes each declared dashboard to its whole origin, once', () => {
    expect(
      originPatterns([
        'https://zs.kwaixiaodian.com/page/helper*',
        'https://zs.kwaixiaodian.com/control*',
        'https://*.tiktok.com/compass/live-*',
        'http://localhost/*',
      ]),
    ).toEqual(['https://zs.kwaixiaodian.com/*', 'https://*.tiktok.com/*', 'http://localhost/*']);
  });

  it('gives patterns a manifest takes for web-accessible resources (scheme, host, path /*)', () => {
    for (const pattern of originPatterns([...PLATFORM_MATCHES, ...E2E_MATCHES]))
      expect(pattern).toMatch(/^https?:\/\/(\*\.)?[a-z0-9.-]+\/\*$/);
  });
});

describe('roomModuleUrl: the loader imports the module from', () => {
  it('its fixed URL on a declared dashboard, any path of that origin (Chrome reuses its compiled code there)', () => {
    expect(
      roomModuleUrl('https://buyin.jinritemai.com/dashboard/live/control?id=1', DECLARED, 'abc', dynamicUrl),
    ).toBe(`chrome-extension://abc/${ROOM_MODULE_FILE}`);
    expect(
      roomModuleUrl('https://seller.tiktok.com/compass/live-overview', DECLARED, 'abc', dynamicUrl),
    ).toBe(`chrome-extension://abc/${ROOM_MODULE_FILE}`);
  });

  it('its per-session URL on a site the operator enabled at run time', () => {
    expect(roomModuleUrl('https://live.jd.com/console', DECLARED, 'abc', dynamicUrl)).toBe(dynamicUrl());
    expect(
      roomModuleUrl('http://buyin.jinritemai.com/dashboard/live/control', DECLARED, 'abc', dynamicUrl),
    ).toBe(dynamicUrl());
  });

  it('its per-session URL when the address does not parse (an about:blank frame reads through its top)', () => {
    expect(roomModuleUrl('not a url', DECLARED, 'abc', dynamicUrl)).toBe(dynamicUrl());
  });
});

describe('handContext / takeHandedContext: the loader hands the module its context', () => {
  it('once: the module takes it and the world keeps no reference', () => {
    const world = {};
    const context = { contentScriptName: 'content' };
    handContext(context, world);
    expect(takeHandedContext(world)).toBe(context);
    expect(takeHandedContext(world)).toBeUndefined();
    expect(Object.getOwnPropertySymbols(world)).toEqual([]);
  });

  it('none when the module was loaded without the loader', () => {
    expect(takeHandedContext({})).toBeUndefined();
  });
});
