// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../lib/room/sites/adapters/generic';
import { createRoomReader } from '../../../../lib/room/sites/labelReader';
import { loadFixture, settledReading, steadyClock } from './loadFixture';

const readGeneric = (fixture: string) => settledReading(loadFixture(fixture), genericAdapter);

describe('the generic label reader on layouts no adapter was written for', () => {
  it('reads labels above their numbers, and never takes 粉丝 for new followers', () => {
    const reading = readGeneric('unseen-label-above.html');
    expect(reading.metrics).toEqual({
      viewers: 3210,
      newFollowers: 56,
      gmv: 20800,
      buyers: 412,
      avgWatchSec: 65,
    });
    expect(reading.health.parsed).toHaveLength(5);
    expect(reading.health.failed).toEqual([]);
  });

  it('reads labels below their numbers and reports a placeholder as failed, not 0', () => {
    const reading = readGeneric('unseen-label-below.html');
    expect(reading.metrics).toEqual({
      viewers: 8765,
      gmv: 567800,
      orders: 3301,
      conversionRate: 0.029,
      newFollowers: null,
    });
    expect(reading.health.failed).toEqual([{ metric: 'newFollowers', raw: 'N/A', reason: 'dash' }]);
  });

  it('reads labels glued to their numbers, in either order', () => {
    expect(readGeneric('unseen-glued.html').metrics).toEqual({
      viewers: 1927,
      entries: 5432,
      gmv: 3456.5,
      likes: 21000,
      comments: 890,
      avgWatchSec: 72,
    });
  });

  it('reads table columns and label rows over value rows without crossing columns', () => {
    expect(readGeneric('unseen-table.html').metrics).toEqual({
      gmv: 7777,
      buyers: 66,
      orders: 71,
      views: 15000,
      viewers: 444,
      productClicks: 1212,
      comments: 55,
    });
  });

  it('reads English labels with K and M suffixes', () => {
    expect(readGeneric('unseen-english.html').metrics).toEqual({
      viewers: 1900,
      gmv: 12400,
      orders: 842,
      buyers: 790,
      avgWatchSec: 125,
      conversionRate: 0.0375,
      likes: 1050000,
    });
  });
});

describe('the mock room, read by its labels alone', () => {
  it('reads every tile, the capped one flagged, the explained product and no comment', () => {
    const reading = readGeneric('generic-mock-room.html');
    expect(reading.metrics).toEqual({
      viewers: 12000,
      entries: 100000,
      views: 235000,
      gmv: 12345.6,
      orders: 1024,
      buyers: 998,
      productClicks: 5600,
      comments: 3420,
      likes: null,
      newFollowers: 312,
      avgWatchSec: 83,
      conversionRate: 0.125,
    });
    expect(reading.capped).toEqual(['entries']);
    expect(reading.health.missing).toEqual([]);
    expect(reading.product).toEqual({ id: 'p2', name: '真丝睡衣', price: 359 });
    expect(reading.ended).toBe(false);
    expect(reading.title).toBe('直播中控台 · 模拟直播间');
  });

  it('follows value changes, re-locates re-rendered tiles and notices the end of the live', () => {
    const doc = loadFixture('generic-mock-room.html');
    const reader = createRoomReader(doc, genericAdapter, {}, { rescanMs: 0, sampleNow: steadyClock() });
    // What the sampler does: hand the reader each batch of mutations before reading.
    const observer = new MutationObserver(() => {});
    observer.observe(doc, { subtree: true, childList: true, characterData: true });
    const read = () => {
      reader.noteMutations(observer.takeRecords());
      const seen = reader.read({ scan: false });
      // A value's first change waits until it held still: the sampler reads again once the page drew two frames.
      return seen.settling ? reader.read({ scan: false, drawnAfterRead: reader.reads() }) : seen;
    };
    reader.read();
    reader.read();
    const viewers = [...doc.querySelectorAll('.metricCard-k3j9m')].find((c) =>
      c.textContent?.includes('实时在线人数'),
    )!;
    viewers.querySelector('.data--p0q2w span')!.textContent = '1.35万';
    expect(read().metrics.viewers).toBe(13500);

    // The dashboard re-renders the whole tile: the cached element is detached, the reader finds the new one.
    const fresh = viewers.cloneNode(true) as Element;
    fresh.querySelector('.data--p0q2w span')!.textContent = '9,876';
    viewers.replaceWith(fresh);
    expect(read().metrics.viewers).toBe(9876);

    // The explain button moves to another product.
    const items = doc.querySelectorAll('#goods-list li');
    items[1]!.querySelector('button')!.textContent = '讲解';
    items[1]!.querySelector('.tag--e3r4')!.remove();
    items[2]!.querySelector('button')!.textContent = '取消讲解';
    expect(read().product).toEqual({ id: 'p3', name: '羊毛袜', price: 29 });

    const modal = doc.createElement('div');
    modal.innerHTML = '<div class="modal-body-l0k9"><h3>直播已结束</h3><p>直播总结已生成</p></div>';
    doc.body.append(modal);
    expect(read().ended).toBe(true);
    expect(reader.targets().values.some((node) => fresh.contains(node))).toBe(true);

    // The modal closes (the room came back): the end is recomputed, never sticky.
    modal.remove();
    expect(read().ended).toBe(false);
  });

  it('uses operator bindings before labels, and labels when a binding matches nothing', () => {
    const doc = loadFixture('generic-mock-room.html');
    const reader = createRoomReader(
      doc,
      genericAdapter,
      { likes: '#player-status', views: '#no-such-element', viewers: '[[bad selector' },
      { sampleNow: steadyClock() },
    );
    reader.read();
    const reading = reader.read();
    expect(reading.metrics.likes).toBeNull();
    expect(reading.health.failed).toEqual([{ metric: 'likes', raw: '播放中', reason: 'unparseable' }]);
    expect(reading.metrics.views).toBe(235000);
    expect(reading.metrics.viewers).toBe(12000);

    doc.querySelector('#player-status')!.textContent = '2,024';
    // The read that sees the change, then one after frames were drawn without a move.
    expect(reader.read().metrics.likes).toBeNull();
    expect(reader.read().metrics.likes).toBe(2024);
  });
});

describe('how often the reader walks the page', () => {
  // A reader fed the page's mutations, as the sampler feeds it; `walks` counts full walks of the page.
  function watched(html: string) {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const reader = createRoomReader(doc, genericAdapter, {}, { rescanMs: 0, sampleNow: steadyClock() });
    const observer = new MutationObserver(() => {});
    observer.observe(doc, { subtree: true, childList: true, characterData: true });
    const walker = doc.createTreeWalker.bind(doc);
    let walks = 0;
    doc.createTreeWalker = ((node: Node, ...rest: [number?, NodeFilter?]) => {
      if (node === doc) walks++;
      return walker(node, ...rest);
    }) as Document['createTreeWalker'];
    const read = () => {
      reader.noteMutations(observer.takeRecords());
      const seen = reader.read({ scan: false });
      // A value's first change waits until it held still: the sampler reads again once the page drew two frames.
      return seen.settling ? reader.read({ scan: false, drawnAfterRead: reader.reads() }) : seen;
    };
    return { doc, reader, read, walks: () => walks };
  }

  it('finds a tile rendered later in what was added, without walking the page again', () => {
    const room = watched('<div id="grid"><div><span>在线人数</span><b>10</b></div></div>');
    room.reader.read();
    expect(room.reader.read().metrics).toEqual({ viewers: 10 });
    const walksAfterFirstLook = room.walks();
    const tile = room.doc.createElement('div');
    tile.innerHTML = '<span>点赞数</span><b>77</b>';
    room.doc.getElementById('grid')!.append(tile);
    expect(room.read().metrics).toEqual({ viewers: 10, likes: 77 });
    expect(room.walks()).toBe(walksAfterFirstLook);
  });

  it('never looks into the rows added to the comment list the comment reader found', () => {
    const html =
      '<div id="grid"><div><span>在线人数</span><b>10</b></div></div><div id="chat"><p>好看</p><p>多少钱</p></div>';
    const comment = (room: ReturnType<typeof watched>) => {
      const row = room.doc.createElement('p');
      row.innerHTML = '<span>点赞数</span><b>99</b>';
      room.doc.getElementById('chat')!.append(row);
      return room.read().metrics;
    };
    // A comment that reads like a tile is taken for one while the list is not known as the comment list…
    const unknown = watched(html);
    unknown.reader.read();
    expect(comment(unknown)).toEqual({ viewers: 10, likes: 99 });
    // …and never once the comment reader named it.
    const told = watched(html);
    told.reader.read();
    told.reader.noteFeed(told.doc.getElementById('chat')!);
    expect(comment(told)).toEqual({ viewers: 10 });
  });

  it('leaves the comment list the comment reader found out of its first look too', () => {
    // Comments flooding in with the same words (点赞数 99): every row holds a label, so the list does not look
    // like a feed by its rows alone.
    const rows = Array.from({ length: 12 }, (_, i) => `<p><span>用户${i}</span><span>点赞数 99</span></p>`);
    const html = `<div id="grid"><div><span>在线人数</span><b>10</b></div></div><div id="chat">${rows.join('')}</div>`;
    const first = (told: boolean) => {
      const room = watched(html);
      if (told) room.reader.noteFeed(room.doc.getElementById('chat')!);
      room.reader.read();
      return room.reader.read().metrics;
    };
    expect(first(false)).toEqual({ viewers: 10, likes: 99 });
    expect(first(true)).toEqual({ viewers: 10 });
  });

  it('reads the digits a value redraws with it, never searching them for tiles', () => {
    const room = watched(
      '<div id="grid"><div><span>在线人数</span><b id="v"><i>1</i><i>0</i></b></div><p>直播中</p></div>',
    );
    room.reader.read();
    expect(room.reader.read().metrics).toEqual({ viewers: 10 });
    const value = room.doc.getElementById('v')!;
    const digits = (text: string) =>
      [...text].map((c) => Object.assign(room.doc.createElement('i'), { textContent: c }));
    // The new digits are parts of the value: no walk is started in them (each would ask where its text sits).
    const asked: Element[] = [];
    const closest = Element.prototype.closest;
    Element.prototype.closest = function (this: Element, selector: string) {
      asked.push(this);
      return closest.call(this, selector);
    } as typeof closest;
    try {
      value.replaceChildren(...digits('128'));
      expect(room.read().metrics).toEqual({ viewers: 128 });
    } finally {
      Element.prototype.closest = closest;
    }
    expect(asked.filter((el) => value.contains(el))).toEqual([]);
  });

  it('finds tiles in a shadow root the first look did not ask for on a later heartbeat, and waits for them to hold still', () => {
    // A built-in host that keeps children of its own: the first look asks only likely hosts (rootDiscovery.ts).
    const doc = new DOMParser().parseFromString(
      '<div><span>在线人数</span><b>10</b></div><div id="host"><span>loading</span></div>',
      'text/html',
    );
    doc.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML =
      '<div><span>点赞数</span><b>70</b></div>';
    const reader = createRoomReader(doc, genericAdapter, {}, { rescanMs: 0, sampleNow: steadyClock() });
    reader.read();
    expect(reader.read().metrics).toEqual({ viewers: 10 });
    // The heartbeat's next look asks every element. Its tile may have been counting up before it was seen:
    // the sampler's reads know of no frames drawn, so it waits…
    const found = reader.read({ scan: true, drawnAfterRead: null });
    expect(found.metrics).toEqual({ viewers: 10 });
    expect(found.settling).toBe(true);
    expect(reader.targets().roots).toContain(doc.getElementById('host')!.shadowRoot);
    // …until the page drew two frames with the value unchanged (the sampler's settle check).
    const foundAt = reader.reads();
    expect(reader.read({ scan: false, drawnAfterRead: foundAt }).metrics).toEqual({ viewers: 10, likes: 70 });
  });

  it('asks every element for a late shadow root over several heartbeats on a big page, not in one go', () => {
    const filler = Array.from({ length: 1000 }, (_, i) => `<p>说明 ${i}</p>`).join('');
    const doc = new DOMParser().parseFromString(
      `<div><span>在线人数</span><b>10</b></div>${filler}<div id="host"><span>loading</span></div>`,
      'text/html',
    );
    doc.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML =
      '<div><span>点赞数</span><b>70</b></div>';
    let ms = 0;
    let clock = false;
    // While `clock` runs, each look at it finds 10 ms gone: a slice asks the elements between two looks.
    const now = () => {
      if (clock) ms += 10;
      return ms;
    };
    const reader = createRoomReader(doc, genericAdapter, {}, { now, rescanMs: 0, sampleNow: steadyClock() });
    let first = reader.read();
    for (let reads = 0; first.looking && reads < 50; reads++) first = reader.read();
    expect(reader.read().metrics).toEqual({ viewers: 10 });
    clock = true;
    const host = doc.getElementById('host')!.shadowRoot!;
    let heartbeats = 0;
    while (!reader.targets().roots.includes(host) && heartbeats < 100) {
      heartbeats++;
      reader.read({ scan: true, drawnAfterRead: heartbeats === 1 ? null : reader.reads() });
    }
    expect(heartbeats).toBeGreaterThan(2);
    expect(heartbeats).toBeLessThan(100);
    // Found in the slice that reached it, and read once it held still (the sampler's settle check).
    clock = false;
    const foundAt = reader.reads();
    expect(reader.read({ scan: false, drawnAfterRead: foundAt }).metrics).toEqual({ viewers: 10, likes: 70 });
  });

  it('takes its first look at a big page in slices, none longer than a few ms', () => {
    const filler = Array.from({ length: 3000 }, (_, i) => `<p>说明 ${i}</p>`).join('');
    const doc = new DOMParser().parseFromString(
      `${filler}<div><span>在线人数</span><b>321</b></div>`,
      'text/html',
    );
    let ms = 0;
    // Each look at the clock finds 10 ms gone: every slice stops at its first look at the clock.
    const reader = createRoomReader(
      doc,
      genericAdapter,
      {},
      { now: () => (ms += 10), sampleNow: steadyClock() },
    );
    let slices = 0;
    let reading = reader.read();
    while (reading.looking && slices < 50) {
      slices++;
      reading = reader.read();
    }
    expect(slices).toBeGreaterThan(3);
    expect(reader.read().metrics).toEqual({ viewers: 321 });
  });

  it('finds a value that appears beside a label that had none (a tile still loading)', () => {
    const room = watched(
      '<div id="grid"><div><span>在线人数</span><b>10</b></div><div><span>点赞数</span><b>加载中</b></div></div>',
    );
    room.reader.read();
    expect(room.reader.read().metrics).toEqual({ viewers: 10 });
    room.doc.querySelectorAll('b')[1]!.firstChild!.nodeValue = '1.2万';
    expect(room.read().metrics).toEqual({ viewers: 10, likes: 12000 });
  });

  it('re-finds a metric whose node was re-rendered beside the same label, and never walks on a value change', () => {
    const room = watched('<div id="grid"><div><span>在线人数</span><b>10</b></div></div>');
    room.reader.read();
    room.reader.read();
    const walks = room.walks();
    room.doc
      .querySelector('b')!
      .replaceWith(Object.assign(room.doc.createElement('b'), { textContent: '12' }));
    expect(room.read().metrics).toEqual({ viewers: 12 });
    room.doc.querySelector('b')!.textContent = '13';
    expect(room.read().metrics).toEqual({ viewers: 13 });
    expect(room.walks()).toBe(walks);
  });
});

describe('what is not a metric', () => {
  it('ignores labels inside a comment feed or a product list', () => {
    const doc = new DOMParser().parseFromString(
      `<ul><li>小王：<span>点赞数</span> <b>5</b></li><li>阿杰：好看</li><li>momo：已拍</li><li>七七：链接</li></ul>
       <ol><li><span>成交人数</span><b>7</b><button>讲解</button></li><li><span>毛衣</span><button>取消讲解</button></li></ol>`,
      'text/html',
    );
    const reading = settledReading(doc, genericAdapter);
    expect(reading.metrics).toEqual({});
    expect(reading.health.missing).toHaveLength(12);
  });

  it('takes the longest label: 累计新增粉丝 is new followers, 成交金额 never takes 成交人数', () => {
    const doc = new DOMParser().parseFromString(
      `<div><div><span>累计新增粉丝</span><b>40</b></div><div><span>成交金额</span><b>¥10</b></div>
       <div><span>成交人数</span><b>3</b></div></div>`,
      'text/html',
    );
    expect(settledReading(doc, genericAdapter).metrics).toEqual({
      newFollowers: 40,
      gmv: 10,
      buyers: 3,
    });
  });

  it('prefers the more specific label when a metric shows twice (a five-minute panel before the totals)', () => {
    const doc = new DOMParser().parseFromString(
      `<div><h4>近5分钟</h4><div><span>成交金额</span><b>¥3.2万</b></div><div><span>进入人数</span><b>1,203</b></div></div>
       <div><div><span>直播间成交金额</span><b>¥123.45万</b></div><div><span>累计观看人数</span><b>12.04万</b></div></div>`,
      'text/html',
    );
    expect(settledReading(doc, genericAdapter).metrics).toEqual({ gmv: 1234500, entries: 120400 });
  });
});
