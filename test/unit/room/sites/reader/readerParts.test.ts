// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { matchLabel } from '../../../../../lib/core/metrics/labelIndex';
import type { MetricLocation } from '../../../../../lib/room/sites/locateMetrics';
import { Exclusion, GENERIC_EXCLUDE, NO_EXCLUSION } from '../../../../../lib/room/sites/pageText';
import { EndedWatch } from '../../../../../lib/room/sites/reader/endedWatch';
import { FEED_ROWS, FeedWatch } from '../../../../../lib/room/sites/reader/feedWatch';
import { newSlot, readSlot, slotHolds } from '../../../../../lib/room/sites/reader/metricSlot';
import { OrphanCards } from '../../../../../lib/room/sites/reader/orphanCards';
import { ProductWatch } from '../../../../../lib/room/sites/reader/productWatch';
import { RescanPacing } from '../../../../../lib/room/sites/reader/rescanPacing';
import { slicedLook } from '../../../../../lib/room/sites/reader/slicedLook';

// The label reader's parts, each on its own: what each one keeps and when it lets go.

const page = (html: string) => {
  const doc = document.implementation.createHTMLDocument('t');
  doc.body.innerHTML = html;
  return doc;
};

describe('FeedWatch: a container that keeps taking unlabelled rows is a feed', () => {
  it('turns a comment list into a feed after enough quiet rows; a labelled row starts the count over', () => {
    const watch = new FeedWatch();
    const list = document.createElement('ul');
    for (let i = 0; i < FEED_ROWS - 1; i++) watch.noteRow(list, false);
    watch.noteRow(list, true);
    for (let i = 0; i < FEED_ROWS - 1; i++) watch.noteRow(list, false);
    expect(watch.isFeed(list)).toBe(false);
    watch.noteRow(list, false);
    expect(watch.isFeed(list)).toBe(true);
    // Once a feed, always a feed: a later tile in it is never looked into.
    watch.noteRow(list, true);
    expect(watch.isFeed(list)).toBe(true);
  });
});

describe('OrphanCards: a label still waiting for its value', () => {
  it('watches the card a few levels up, hears of changes inside it, and lets go once a value is found', () => {
    const doc = page(
      '<section><div class="card"><div><p><span id="l">在线人数</span></p></div><b id="v"></b></div></section>',
    );
    const cards = new OrphanCards();
    cards.note(doc.getElementById('l')!.firstChild as Text);
    expect(cards.size).toBe(1);
    const value = doc.getElementById('v')!;
    expect(cards.touchedBy(value)).toEqual([doc.querySelector('.card')]);
    expect(cards.touchedBy(doc.body)).toEqual([]);
    cards.resolve(value);
    expect(cards.size).toBe(0);
  });

  it('watches at most its limit of cards', () => {
    const doc = page('<div><div><div><i>a</i></div></div></div>'.repeat(5));
    const cards = new OrphanCards(2);
    for (const i of doc.querySelectorAll('i')) cards.note(i.firstChild as Text);
    expect(cards.size).toBe(2);
  });
});

describe('RescanPacing: backing off while nothing new turns up', () => {
  it('doubles the wait up to its cap, and starts over when a look finds something', () => {
    const pacing = new RescanPacing(100, 350);
    expect(pacing.due(0)).toBe(true);
    pacing.looked(0, false);
    expect([pacing.due(199), pacing.due(200)]).toEqual([false, true]);
    pacing.looked(200, false);
    expect([pacing.due(549), pacing.due(550)]).toEqual([false, true]);
    pacing.looked(550, false);
    expect([pacing.due(899), pacing.due(900)]).toEqual([false, true]);
    pacing.looked(900, true);
    expect([pacing.due(999), pacing.due(1000)]).toEqual([false, true]);
  });
});

describe('metricSlot: one found metric', () => {
  const located = (doc: Document): MetricLocation => {
    const label = doc.getElementById('l')!.firstChild as Text;
    return {
      metric: 'viewers',
      source: doc.getElementById('v')!,
      label,
      labelText: label.data,
      match: matchLabel(label.data),
      via: 'card',
    };
  };

  it('holds while its label still names the metric, and not once the tile says something else', () => {
    const doc = page('<div><span id="l">在线人数</span><b id="v">1,927</b></div>');
    const location = located(doc);
    expect(slotHolds(location)).toBe(true);
    (location.label as Text).data = '成交金额';
    expect(slotHolds(location)).toBe(false);
  });

  it('reads its value, and a change of text as a change, taken once the page drew two frames without a move', () => {
    const doc = page('<div><span id="l">在线人数</span><b id="v">1,927</b></div>');
    const motion = { animated: false };
    const slot = newSlot(located(doc), 0, motion, false, 0);
    expect(readSlot('viewers', slot, 1000, motion, { read: 1, drawnAfterRead: 0 }).parsed).toEqual({
      ok: true,
      value: 1927,
      capped: false,
    });
    doc.getElementById('v')!.textContent = '2,001';
    const seen = readSlot('viewers', slot, 2000, motion, { read: 2, drawnAfterRead: 1 });
    expect(seen).toMatchObject({ changed: true, waiting: true, parsed: { ok: true, value: 1927 } });
    const held = readSlot('viewers', slot, 2033, motion, { read: 3, drawnAfterRead: 2 });
    expect(held).toMatchObject({ changed: false, waiting: false, parsed: { ok: true, value: 2001 } });
  });
});

describe('EndedWatch and ProductWatch: page markers held between reads', () => {
  it('finds the end in what was added, and drops it once its modal closes', () => {
    const doc = page('<main>在线人数 12</main>');
    const watch = new EndedWatch(new Exclusion(GENERIC_EXCLUDE), undefined);
    watch.search([doc]);
    expect([watch.ended, watch.pending]).toEqual([false, false]);
    const modal = doc.createElement('div');
    modal.setAttribute('role', 'dialog');
    modal.innerHTML = '<h3>直播已结束</h3>';
    doc.body.append(modal);
    watch.searchAdded([modal]);
    expect(watch.ended).toBe(true);
    modal.remove();
    expect(watch.lost()).toBe(true);
    watch.check();
    expect([watch.ended, watch.pending]).toEqual([false, true]);
  });

  it('reads the explained product, and looks again when its button changes state', () => {
    const doc = page(
      `<ul>${['羊毛袜', '真丝睡衣', '围巾']
        .map(
          (t, i) =>
            `<li data-id="p${i}"><span>${t}</span><span>¥${(i + 1) * 100}</span><button>${i === 1 ? '取消讲解' : '讲解'}</button></li>`,
        )
        .join('')}</ul>`,
    );
    const watch = new ProductWatch(undefined);
    watch.search([doc]);
    expect(watch.read()).toEqual({ id: 'p1', name: '真丝睡衣', price: 200 });
    doc.querySelectorAll('button')[1]!.textContent = '讲解';
    watch.check();
    expect([watch.read(), watch.pending]).toEqual([null, true]);
  });
});

describe('slicedLook: the first look in slices', () => {
  it('takes several slices on a page too big for one, and then places every metric', () => {
    const filler = '<p>x</p>'.repeat(3000);
    const doc = page(`${filler}<div><span>在线人数</span><b>1,927</b></div>${filler}`);
    let t = 0;
    const clock = () => (t += 1);
    const look = slicedLook([doc], new Set(['viewers']), new Map(), { exclusion: NO_EXCLUSION });
    let slices = 0;
    let found: ReturnType<typeof look.step> = null;
    // A deadline already passed: each slice stops at its first look at the clock.
    while (!found && slices < 100) {
      slices++;
      found = look.step(clock() - 1);
    }
    expect(slices).toBeGreaterThan(1);
    expect(found?.get('viewers')?.source.textContent).toBe('1,927');
  });
});
