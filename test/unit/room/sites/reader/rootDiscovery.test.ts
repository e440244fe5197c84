// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../../lib/room/sites/adapters/generic';
import { createRoomReader } from '../../../../../lib/room/sites/labelReader';
import { frameRoots, RootDiscovery } from '../../../../../lib/room/sites/reader/rootDiscovery';
import { steadyClock } from '../loadFixture';

// Shadow roots are looked for in slices (asking every element for one costs the page a wrapper per element),
// frames at once; the reader searches what a slice finds as if it had just been added.

function host(parent: ParentNode, html: string): ShadowRoot {
  const el = document.createElement('x-tile');
  parent.append(el);
  const shadow = el.attachShadow({ mode: 'open' });
  shadow.innerHTML = html;
  return shadow;
}

describe('RootDiscovery', () => {
  it('finds open shadow roots, nested ones too, over several slices on a big page', () => {
    document.body.innerHTML = '<p>x</p>'.repeat(2000);
    const outer = host(document.body, '<div></div>');
    const inner = host(outer.firstElementChild!, '<span>deep</span>');
    const discovery = new RootDiscovery(document);
    let t = 0;
    const clock = () => t++;
    let slices = 0;
    while (!discovery.step(clock() - 1, clock) && slices < 100) slices++;
    expect(slices).toBeGreaterThan(1);
    expect(discovery.found).toEqual([outer, inner]);
  });

  it('leaves our own overlay out', () => {
    document.body.innerHTML = '';
    const overlay = document.createElement('livecue-overlay');
    document.body.append(overlay);
    overlay.attachShadow({ mode: 'open' }).innerHTML = '<span>在线人数</span><b>1</b>';
    const discovery = new RootDiscovery(document);
    expect(discovery.step(Number.POSITIVE_INFINITY)).toBe(true);
    expect(discovery.found).toEqual([]);
  });

  it('finds no frame document where there is none (frameRoots asks one native query)', () => {
    document.body.innerHTML = '<div><p>no frames here</p></div>';
    expect(frameRoots(document)).toEqual([]);
  });
});

describe('the reader and shadow roots', () => {
  it('reads tiles inside a shadow root on a small page at once', () => {
    document.body.innerHTML = '<main><div><span>在线人数</span><b>1,927</b></div></main>';
    host(document.body, '<div><span>成交金额</span><b>¥3,200</b></div>');
    const reader = createRoomReader(document, genericAdapter, {}, { sampleNow: steadyClock() });
    reader.read();
    expect(reader.read().metrics).toMatchObject({ viewers: 1927, gmv: 3200 });
  });

  it('on a big page whose first look found metrics, leaves the rest of the look for shadow roots to later work', () => {
    const cards = '<p><b>卡片</b></p>'.repeat(3000);
    document.body.innerHTML = `<main><div><span>在线人数</span><b>1,927</b></div></main><section>${cards}</section>`;
    host(document.body, '<div><span>成交金额</span><b>¥3,200</b></div>');
    let t = 0;
    // Every look at the clock moves it on a millisecond: the first slice ends early.
    const now = () => (t += 1);
    const reader = createRoomReader(document, genericAdapter, {}, { sampleNow: steadyClock(), now });
    reader.read();
    const first = reader.read();
    expect(first.metrics.viewers).toBe(1927);
    expect(first.metrics.gmv).toBeUndefined();
    // Work is left, and it waits (the page's first second is not spent on it).
    expect(reader.workIn?.()).toBeGreaterThan(100);
    t += 2000;
    let found = false;
    for (let i = 0; i < 100 && !found && reader.workIn?.() != null; i++) {
      t += 200;
      found = reader.work?.() ?? false;
    }
    expect(found).toBe(true);
    expect(reader.read().metrics).toMatchObject({ viewers: 1927, gmv: 3200 });
    expect(reader.workIn?.()).toBeNull();
  });
});
