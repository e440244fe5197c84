// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  discoverLikelyRoots,
  discoverRoots,
  KNOWN_ELEMENTS,
  rootDiscovery,
} from '../../../../lib/room/sites/rootDiscovery';

// test/browser/readAsSeen runs the same cases in Chromium, where the native queries are the browser's own.

function page(html: string): Document {
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
  return doc;
}

/** Attaches an open shadow root holding `html` to the element with this id. */
function shadowOn(doc: Document | ShadowRoot, id: string, html: string): ShadowRoot {
  const host = (doc as ParentNode).querySelector(`#${id}`)!;
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = html;
  return shadow;
}

const hostsOf = (roots: (Document | ShadowRoot)[]) =>
  roots.map((r) => ((r as ShadowRoot).host ? (r as ShadowRoot).host.id : '#document'));

function found(look: typeof discoverRoots, root: ParentNode): string[] {
  const roots: (Document | ShadowRoot)[] = [];
  look(root, (r) => roots.push(r));
  return hostsOf(roots);
}

describe('finding open shadow roots', () => {
  it('finds custom elements’ and empty built-in hosts’ roots, nested ones too, in document order', () => {
    const doc = page(
      '<main><div id="qiankun"></div><p>text</p><wujie-app id="wujie"><span>slotted</span></wujie-app></main>' +
        '<section><x-card id="card"></x-card><span id="plainSpan">1,234</span></section>',
    );
    shadowOn(doc, 'wujie', '<div><inner-tile id="tile"></inner-tile></div>');
    shadowOn(doc.getElementById('wujie')!.shadowRoot!, 'tile', '<b>在线人数</b>');
    shadowOn(doc, 'qiankun', '<div>app</div>');
    shadowOn(doc, 'card', '<i>x</i>');
    expect(found(discoverLikelyRoots, doc)).toEqual(['qiankun', 'wujie', 'tile', 'card']);
    expect(found(discoverRoots, doc)).toEqual(['qiankun', 'wujie', 'tile', 'card']);
  });

  it('leaves a built-in host that keeps children of its own to the full look', () => {
    const doc = page('<div id="kept"><span>placeholder</span></div><div id="empty"></div>');
    shadowOn(doc, 'kept', '<b>成交金额</b>');
    shadowOn(doc, 'empty', '<b>点赞数</b>');
    expect(found(discoverLikelyRoots, doc)).toEqual(['empty']);
    expect(found(discoverRoots, doc)).toEqual(['kept', 'empty']);
  });

  it('never reports our own overlay, and looks under an element without reporting the element itself', () => {
    const doc = page(
      '<livecue-overlay id="ours"></livecue-overlay><x-host id="outer"><x-host id="in"></x-host></x-host>',
    );
    doc.getElementById('ours')!.attachShadow({ mode: 'open' });
    shadowOn(doc, 'outer', '<p>a</p>');
    shadowOn(doc, 'in', '<p>b</p>');
    expect(found(discoverLikelyRoots, doc)).toEqual(['outer', 'in']);
    expect(found(discoverLikelyRoots, doc.getElementById('outer')!)).toEqual(['in']);
  });

  it('finds custom elements whatever they are named, beside names no list knows and inside SVG', () => {
    const doc = page(
      '<foo id="unknown"><my-div id="custom"></my-div></foo><svg><foreignObject><a-b id="inSvg"></a-b>' +
        '</foreignObject></svg><font id="old"><div-x id="last"></div-x></font>',
    );
    for (const id of ['custom', 'inSvg', 'last']) shadowOn(doc, id, '<i>x</i>');
    expect(found(discoverLikelyRoots, doc)).toEqual(['custom', 'inSvg', 'last']);
  });

  it('knows no name with a hyphen: every custom element stays a candidate', () => {
    const names = KNOWN_ELEMENTS.split(',');
    expect(names.length).toBeGreaterThan(150);
    expect(names.filter((name) => name.includes('-') || name.trim() !== name || name === '')).toEqual([]);
  });

  it('asks for frames by their tag name alone, apart from the custom elements and the empty hosts', () => {
    const doc = page('<div id="empty"></div><x-card id="card"></x-card><iframe></iframe>');
    shadowOn(doc, 'card', '<i>x</i>');
    shadowOn(doc, 'empty', '<i>y</i>');
    const asked: string[] = [];
    const querySelectorAll = doc.querySelectorAll.bind(doc);
    doc.querySelectorAll = ((selector: string) => {
      asked.push(selector);
      return querySelectorAll(selector);
    }) as typeof doc.querySelectorAll;
    expect(found(discoverLikelyRoots, doc)).toEqual(['empty', 'card']);
    expect(asked).toEqual(expect.arrayContaining(['iframe', 'frame']));
    // Outside a :not() / :is(), a tag list is matched element by element, selector by selector.
    expect(asked.filter((s) => /,i?frame$/.test(s))).toEqual([]);
  });

  it('asks every element slice by slice, finding what one go finds, in the same order', () => {
    const filler = Array.from({ length: 600 }, (_, i) => `<p>${i}</p>`).join('');
    const doc = page(`<div id="kept"><span>x</span></div>${filler}<x-card id="card"></x-card>${filler}`);
    shadowOn(shadowOn(doc, 'kept', '<x-inner id="inner"></x-inner>'), 'inner', '<i>1</i>');
    shadowOn(doc, 'card', '<i>2</i>');
    const roots: (Document | ShadowRoot)[] = [];
    const look = rootDiscovery(doc, (r) => roots.push(r));
    let ms = 0;
    let slices = 1;
    // Each look at the clock finds 10 ms gone: every slice stops at its first look.
    while (!look.step(ms + 5, () => (ms += 10))) slices++;
    expect(slices).toBeGreaterThan(3);
    expect(hostsOf(roots)).toEqual(['kept', 'inner', 'card']);
    expect(hostsOf(roots)).toEqual(found(discoverRoots, doc));
  });

  it('leaves out a host the page took away between slices', () => {
    const filler = Array.from({ length: 300 }, (_, i) => `<p>${i}</p>`).join('');
    const doc = page(`${filler}<div id="gone"><span>x</span></div><div id="stays"><span>y</span></div>`);
    shadowOn(doc, 'gone', '<i>1</i>');
    shadowOn(doc, 'stays', '<i>2</i>');
    const roots: (Document | ShadowRoot)[] = [];
    const look = rootDiscovery(doc, (r) => roots.push(r));
    expect(look.step(0, () => 1)).toBe(false);
    doc.getElementById('gone')!.remove();
    expect(look.step(Number.POSITIVE_INFINITY)).toBe(true);
    expect(hostsOf(roots)).toEqual(['stays']);
  });
});
