import { describe, expect, it } from 'vitest';
import type { CommandInput } from '../../../../lib/core/messages/commands';
import { enableSite, originOf, sitesFrom } from '../../../../lib/ui/panel/siteAccess';
import { recordingSender } from '../recordingSender';

describe('originOf', () => {
  it('turns what the operator typed or the tab shows into an origin', () => {
    expect(originOf('live.jd.com')).toBe('https://live.jd.com');
    expect(originOf('https://Seller.Shopee.co.id/live/room?id=3')).toBe('https://seller.shopee.co.id');
    expect(originOf('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080');
    expect(originOf('')).toBeNull();
    expect(originOf('chrome://extensions')).toBeNull();
    expect(originOf('not a site')).toBeNull();
  });
});

describe('enableSite', () => {
  it('asks for the one origin first, then has the background start reading it', async () => {
    const calls: string[] = [];
    const sent: CommandInput[] = [];
    const outcome = await enableSite('https://live.jd.com', 4, {
      request: async (p) => {
        calls.push(`request ${p.origins.join()}`);
        return true;
      },
      send: recordingSender((c) => sent.push(c)),
    });
    expect(calls).toEqual(['request https://live.jd.com/*']);
    expect(sent).toEqual([{ type: 'site.enable', origin: 'https://live.jd.com', tabId: 4 }]);
    expect(outcome).toEqual({ kind: 'enabled', origin: 'https://live.jd.com', started: true });
  });

  it('sends nothing when the operator declines', async () => {
    const sent: CommandInput[] = [];
    const outcome = await enableSite('https://live.jd.com', undefined, {
      request: async () => false,
      send: recordingSender((c) => sent.push(c)),
    });
    expect(outcome.kind).toBe('declined');
    expect(sent).toEqual([]);
  });

  it('reads the enabled sites from an answer, and nothing from a failure', () => {
    const odd = [{ origin: 'https://a.cn', registered: true }, { bad: 1 }] as unknown as {
      origin: string;
      registered: boolean;
    }[];
    expect(sitesFrom({ ok: true, data: { sites: odd } })).toEqual([
      { origin: 'https://a.cn', registered: true },
    ]);
    expect(sitesFrom({ ok: false, error: 'x' })).toEqual([]);
  });
});
