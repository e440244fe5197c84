// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { matchLabel } from '../../../../lib/core/metrics/labelIndex';
import { keyHint, LABEL_HINT } from '../../../../lib/room/sites/labelHint';
import { findLabels } from '../../../../lib/room/sites/locateMetrics';
import {
  Exclusion,
  GENERIC_EXCLUDE,
  NO_EXCLUSION,
  sharingTexts,
  textWalk,
  walkText,
} from '../../../../lib/room/sites/pageText';

// The label walk asks a container's whole text before going into it: a big page's feeds and cards with no
// label in them are left out unwalked, and no label that matchLabel reads is ever missed.

describe('LABEL_HINT: what a text naming a metric must hold', () => {
  it('matches every spelling matchLabel reads: case, fullwidth letters, spaces and zero-width marks, minus signs', () => {
    const labels = [
      '在线人数',
      '实时在线 人数：',
      '在\u200b线\u3000人数',
      'VIEWERS',
      'Ｖｉｅｗｅｒｓ',
      'Avg. watch time',
      '点击\u2212成交转化率',
      '1,927在线观众',
      '2,192在线观众 · 30,696人进入直播间',
      'GMV ($)',
    ];
    // A container's whole text: the label anywhere in it.
    const around = '卡片 12说明文字 3 商品 加绒卫衣 ¥59.00 '.repeat(50);
    for (const text of labels) {
      expect(matchLabel(text) ?? text.includes('·'), text).toBeTruthy();
      expect(LABEL_HINT.test(text), text).toBe(true);
      expect(LABEL_HINT.test(`${around}${text}${around}`), text).toBe(true);
    }
  });

  it('does not match text that names no metric', () => {
    for (const text of ['卡片 12说明文字 3', '加绒卫衣 ¥59.00', '用户123 好看', 'Add to cart']) {
      expect(LABEL_HINT.test(text), text).toBe(false);
    }
  });

  it('asks for the start of a label only: a text holding a whole label holds its start', () => {
    // A small pattern (cheap to compile on the page's first look); the walk's own test of each text is exact.
    expect(LABEL_HINT.test('在线人')).toBe(true);
    expect(LABEL_HINT.test('实 时 在')).toBe(true);
    expect(LABEL_HINT.source.length).toBeLessThan(6000);
  });

  it('is built from any set of keys', () => {
    const hint = keyHint(['直播结束', 'liveended']);
    expect(hint.test('本场 直播结束 了')).toBe(true);
    expect(hint.test('LIVE ENDED')).toBe(true);
    expect(hint.test('直播中')).toBe(false);
  });
});

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('textWalk with a hint', () => {
  it('visits the same texts as a full walk, in document order, and never goes into a container without the hint', () => {
    const body = page(`
      <section id="tiles"><div><span>在线人数</span><b>1,927</b></div><div><span>成交金额</span><b>¥1.2万</b></div></section>
      <div id="filler">${'<p><b>卡片</b><i>说明文字</i></p>'.repeat(50)}</div>
      <ul><li><span>用户1</span><span>点赞数 99</span></li><li><span>用户2</span><span>好看</span></li></ul>`);
    const keep = (data: string) => LABEL_HINT.test(data);
    const full: string[] = [];
    walkText(body, NO_EXCLUSION, (t) => full.push(t.data), true, keep);
    const pruned: string[] = [];
    walkText(body, NO_EXCLUSION, (t) => pruned.push(t.data), true, keep, LABEL_HINT);
    expect(pruned).toEqual(full);
    expect(pruned).toEqual(['在线人数', '成交金额', '点赞数 99']);

    // The filler's own text is asked once; none of its 50 cards is looked into.
    const filler = document.getElementById('filler')!;
    let asked = 0;
    Object.defineProperty(filler, 'childNodes', {
      get() {
        asked++;
        return [];
      },
    });
    walkText(body, NO_EXCLUSION, () => {}, true, keep, LABEL_HINT);
    expect(asked).toBe(0);
  });

  it('leaves out excluded containers, skipped tags and buttons as it meets them', () => {
    const body = page(`
      <div role="log"><span>在线人数</span><b>1</b></div>
      <div><button>点赞数</button><span>评论数</span><b>3</b></div>
      <script>/* 成交金额 */</script>`);
    const seen: string[] = [];
    const keep = (data: string) => LABEL_HINT.test(data);
    walkText(body, new Exclusion(GENERIC_EXCLUDE), (t) => seen.push(t.data), true, keep, LABEL_HINT);
    expect(seen).toEqual(['评论数']);
  });

  it('goes in slices, resuming where it paused, and drops what was taken off the page meanwhile', () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `<div><span>在线人数</span><b>${i}</b></div>`).join(
      '',
    );
    const body = page(`<section>${rows}</section><div id="late"><span>评论数</span><b>2</b></div>`);
    const seen: Text[] = [];
    const walk = textWalk(body, NO_EXCLUSION, (t) => seen.push(t), true, undefined, LABEL_HINT);
    let clock = 0;
    const now = () => clock++;
    expect(walk.step(0, now)).toBe(false);
    const first = seen.length;
    expect(first).toBeGreaterThan(0);
    document.getElementById('late')!.remove();
    while (!walk.step(clock + 1000, now));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((t) => t.data === '在线人数')).toHaveLength(1200);
    expect(seen.some((t) => t.data === '评论数')).toBe(false);
  });

  it('asks a list of a thousand records only for its first rows when they hold no label, for labels only', () => {
    const rows = Array.from({ length: 1500 }, (_, i) =>
      i === 1200 ? '<p><b>点赞数</b><i>99</i></p>' : `<p><b>卡片 ${i}</b><i>说明</i></p>`,
    );
    const body = page(`<div><span>在线人数</span><b>1</b></div><div id="records">${rows.join('')}</div>`);
    const records = document.getElementById('records')!;
    let wholeText = 0;
    let proto = Object.getPrototypeOf(records);
    while (!Object.getOwnPropertyDescriptor(proto, 'textContent')) proto = Object.getPrototypeOf(proto);
    const text = Object.getOwnPropertyDescriptor(proto, 'textContent')!;
    Object.defineProperty(records, 'textContent', {
      configurable: true,
      get() {
        wholeText++;
        return text.get!.call(this);
      },
    });
    const context = { exclusion: new Exclusion(GENERIC_EXCLUDE) };
    // The label in row 1200 sits where most rows carry none: no tile, and the list's whole text is never asked.
    expect(findLabels(body, context).map((l) => l.match.metric)).toEqual(['viewers']);
    expect(wholeText).toBe(0);
    // Other walks (the explained product, the end of the live) still look through the whole list.
    expect(textsWalkedFor(body, LABEL_HINT)).toEqual(['在线人数', '点赞数']);
    // A long list whose first rows hold labels is walked as before.
    const tiles = Array.from({ length: 1200 }, (_, i) => `<div><span>点赞数</span><b>${i}</b></div>`);
    page(`<section>${tiles.join('')}</section>`);
    expect(findLabels(document.body, context)).toHaveLength(1200);
  });

  it('finds the labels of a page the adapters do not know, inside an open shadow root too', () => {
    const body = page(
      '<div id="host"></div><main><div><p>Viewers</p><p>6,380</p></div><div><p>说明</p><p>x</p></div></main>',
    );
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML =
      '<div><span>GMV</span><span>$525</span></div><div><span>note</span><span>y</span></div>';
    const labels = findLabels(body, { exclusion: new Exclusion(GENERIC_EXCLUDE) });
    expect(labels.map((l) => l.match.metric)).toEqual(['viewers']);
    const inShadow = findLabels(shadow, { exclusion: new Exclusion(GENERIC_EXCLUDE) });
    expect(inShadow.map((l) => l.match.metric)).toEqual(['gmv']);
  });
});

describe('sharingTexts', () => {
  /** How often a script asked `el` for its whole text. */
  const countTextCopies = (el: Element) => {
    let copies = 0;
    let proto: object | null = el;
    while (proto && !Object.getOwnPropertyDescriptor(proto, 'textContent'))
      proto = Object.getPrototypeOf(proto);
    const getter = Object.getOwnPropertyDescriptor(proto!, 'textContent')!.get!;
    Object.defineProperty(el, 'textContent', {
      configurable: true,
      get() {
        copies++;
        return getter.call(this);
      },
    });
    return () => copies;
  };

  it('gives every hinted walk of one read the same copy of a container’s text, and a later read a fresh one', () => {
    const body = page(
      `<div id="cards">${'<p><b>卡片</b><i>说明</i></p>'.repeat(10)}<p><b>直播已结束</b></p></div><p>讲解中</p>`,
    );
    const cards = document.getElementById('cards')!;
    const copies = countTextCopies(cards);
    const walkFor = (hint: RegExp) => textsWalkedFor(body, hint);
    const [ended, product] = sharingTexts(() => [walkFor(/结束/), walkFor(/讲解/)]);
    expect(ended).toEqual(['直播已结束']);
    expect(product).toEqual(['讲解中']);
    expect(copies()).toBe(1);
    // The page may have changed since: the next read copies again.
    cards.querySelector('b')!.textContent = '讲解中';
    expect(sharingTexts(() => walkFor(/讲解/))).toEqual(['讲解中', '讲解中']);
    expect(copies()).toBe(2);
  });
});

/** The texts a walk for `hint` visits under `root`, going only into containers whose whole text matches it. */
function textsWalkedFor(root: ParentNode, hint: RegExp): string[] {
  const seen: string[] = [];
  walkText(
    root,
    NO_EXCLUSION,
    (t) => seen.push(t.data),
    true,
    (d) => hint.test(d),
    hint,
  );
  return seen;
}
