import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/node/findChromium';
import { CHROMIUM_FLAGS } from '../../scripts/node/launchWithExtension';
import { bundlePageScript } from '../../scripts/node/pageScript';

// The label reader in Chromium, where CSS is real: a unit drawn by ::after is part of the value, digits are
// read in the order a reversed flex row draws them, a tooltip hidden by a style sheet (display:none or
// opacity 0 until hover) is no label, and a delta badge is never the value. Bundled as the content script
// bundles it.

const PAGE = `<!doctype html><html><head><style>
  .wan::after { content: "万"; }
  .pct::after { content: '%'; }
  .unit::after { content: attr(data-unit); }
  .digits { display: flex; flex-direction: row-reverse; justify-content: flex-end; }
  .tip { position: absolute; opacity: 0; }
  .tip-gone { display: none; }
  .tile { display: inline-block; margin: 8px; padding: 8px; border: 1px solid #ccc; }
</style></head><body>
  <div class="tile"><div>在线人数</div><div><span class="wan">1.2</span></div></div>
  <div class="tile"><div>成交转化率</div><div class="pct">3.5</div></div>
  <div class="tile"><div>成交金额</div><div><span class="unit" data-unit="万">8.8</span></div></div>
  <div class="tile"><div>成交件数</div><div class="digits"><span>4</span><span>3</span><span>2</span><span>1</span></div></div>
  <div class="tile"><div><span>Likes</span><span class="tip">Unique viewers</span></div><b>5,678</b><em>↑ 12,5%</em></div>
  <div class="tile"><div><span>Comments</span><span class="tip-gone">New followers</span></div><em>+1.203 vs last LIVE</em><b>91</b></div>
</body></html>`;

describe('reading a tile as a person sees it, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sees CSS units, drawn digit order, and neither tooltips nor delta badges', async () => {
    const page = await browser.newPage();
    await page.setContent(PAGE);
    const script = await bundlePageScript(`
      import { genericAdapter } from './lib/room/sites/adapters/generic';
      import { createRoomReader } from './lib/room/sites/labelReader';
      window.readRoom = () => {
        let t = 1_700_000_000_000;
        const reader = createRoomReader(document, genericAdapter, {}, { sampleNow: () => (t += 1000) });
        reader.read();
        return reader.read();
      };`);
    await page.addScriptTag({ content: script });
    const reading = await page.evaluate(() =>
      (window as unknown as { readRoom: () => { metrics: object } }).readRoom(),
    );
    expect(reading.metrics).toEqual({
      viewers: 12000,
      conversionRate: 0.035,
      gmv: 88000,
      orders: 1234,
      likes: 5678,
      comments: 91,
    });
    await page.close();
  });

  it('finds the shadow roots where pages put them by native queries (custom elements as every name HTML, SVG and MathML do not know), as a full look does', async () => {
    const page = await browser.newPage();
    await page.setContent(`<main><div id="qiankun"></div><wujie-app id="wujie"><span>slotted</span></wujie-app>
      <div id="kept"><span>placeholder</span></div><iframe id="frame" srcdoc="<x-card id='inFrame'></x-card>"></iframe>
      <svg><g><circle r="1"></circle></g></svg><section><x-card id="card"></x-card></section></main>`);
    await page.waitForFunction(() =>
      document.querySelector('iframe')?.contentDocument?.getElementById('inFrame'),
    );
    const script = await bundlePageScript(`
      import { discoverLikelyRoots, discoverRoots } from './lib/room/sites/rootDiscovery';
      const names = (look) => {
        const out = [];
        look(document, (r) => out.push(r.host ? r.host.id : 'frame'));
        return out;
      };
      window.lookForRoots = () => {
        const open = (el, html) => { el.attachShadow({ mode: 'open' }).innerHTML = html; };
        open(document.getElementById('qiankun'), '<b>app</b>');
        open(document.getElementById('wujie'), '<div><inner-tile id="tile"></inner-tile></div>');
        open(document.getElementById('wujie').shadowRoot.getElementById('tile'), '<b>在线人数</b>');
        open(document.getElementById('kept'), '<b>成交金额</b>');
        open(document.getElementById('card'), '<i>x</i>');
        open(document.querySelector('iframe').contentDocument.getElementById('inFrame'), '<i>y</i>');
        // Elements whose name script asked: none when a native query picks the custom elements.
        const getName = Object.getOwnPropertyDescriptor(Element.prototype, 'localName').get;
        let asked = 0;
        Object.defineProperty(Element.prototype, 'localName', { configurable: true, get() { asked++; return getName.call(this); } });
        const likely = names(discoverLikelyRoots);
        return { likely, full: names(discoverRoots), asked };
      };`);
    await page.addScriptTag({ content: script });
    const roots = await page.evaluate(() =>
      (
        window as unknown as { lookForRoots: () => { likely: string[]; full: string[]; asked: number } }
      ).lookForRoots(),
    );
    // A built-in host that keeps children of its own is left to the reader's later full look.
    expect(roots.likely).toEqual(['qiankun', 'wujie', 'tile', 'frame', 'inFrame', 'card']);
    expect(roots.full).toEqual(['qiankun', 'wujie', 'tile', 'kept', 'frame', 'inFrame', 'card']);
    expect(roots.asked).toBe(0);
    await page.close();
  });
});
