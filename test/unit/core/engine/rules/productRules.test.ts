import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../../lib/core/engine/types';
import type { ProductRowReading } from '../../../../../lib/core/products/productContract';
import { fold, only, T0 } from '../engineHarness';

// The per-product rules on a small room: a sample a second (the room's totals) and the product table
// redrawn every 5 s, each product's numbers from a function of the second.

type Row = Omit<ProductRowReading, 'id'>;

function evening(
  toSec: number,
  table: (sec: number) => Record<string, Row['metrics']>,
  pinned: (sec: number) => string | null | undefined,
): EngineEvent[] {
  const events: EngineEvent[] = [];
  for (let sec = 0; sec <= toSec; sec++) {
    const ts = T0 + sec * 1000;
    if (sec % 5 === 0) {
      const rows = Object.entries(table(sec)).map(([id, metrics]) => ({ id, name: `款${id}`, metrics }));
      const pin = pinned(sec);
      events.push({ kind: 'products', ts, rows, ...(pin !== undefined && { pinnedId: pin }) });
    }
    events.push({ kind: 'sample', ts, metrics: { viewers: 1000, orders: sec, gmv: sec * 100 } });
  }
  return events;
}

/** Five products selling slowly off screen; `extra` overrides one product's numbers. */
function room(sec: number, extra: Record<string, Row['metrics']> = {}) {
  const rows: Record<string, Row['metrics']> = {};
  for (const id of ['a', 'b', 'c', 'd', 'e']) {
    rows[id] = {
      impressions: sec * 2,
      clicks: Math.floor(sec / 10),
      sold: Math.floor(sec / 120),
      stock: 500 - Math.floor(sec / 120),
      unpaidOrders: 1,
    };
  }
  return { ...rows, ...extra };
}

const cuesOf = (events: EngineEvent[], rule: string, params: Record<string, unknown> = {}) =>
  fold(events, only({ [rule]: params })).cues.map((cue) => ({
    at: (cue.firedAt - T0) / 1000,
    key: cue.key,
    severity: cue.severity,
    title: cue.title,
    params: cue.params,
    evidence: cue.evidence,
  }));

describe('stock-low', () => {
  it('cues the pinned product that will sell out within five minutes at its pace, then again when it sells out', () => {
    // 'a' goes up at 60 s with 80 left and sells 12 a minute: under five minutes' stock (60) from 160 s.
    const stock = (sec: number) => Math.max(0, 80 - Math.max(0, Math.floor(((sec - 60) * 12) / 60)));
    const events = evening(
      600,
      (sec) => room(sec, { a: { sold: 80 - stock(sec), stock: stock(sec), impressions: sec * 10 } }),
      (sec) => (sec >= 60 ? 'a' : null),
    );
    const [low, out, ...rest] = cuesOf(events, 'stock-low');
    expect(rest).toEqual([]);
    expect(low).toMatchObject({ key: 'a', severity: 'act', title: 'cue.stock-low.title' });
    expect(low!.at).toBeGreaterThanOrEqual(155);
    expect(low!.at).toBeLessThanOrEqual(175);
    expect(low!.params).toMatchObject({ product: '款a', productId: 'a', perMin: 12 });
    expect(low!.evidence[0]).toMatchObject({ metric: 'productStock', productId: 'a' });
    expect(out).toMatchObject({
      key: 'a',
      severity: 'urgent',
      title: 'cue.stock-low.titleSoldOut',
      params: { stock: 0 },
    });
    expect(out!.at).toBeGreaterThanOrEqual(460);
  });

  it('says nothing when the stock is unreadable, or plenty, or the product is not on screen', () => {
    const unreadable = evening(
      600,
      (sec) => room(sec, { a: { sold: sec, stock: null } }),
      () => 'a',
    );
    expect(cuesOf(unreadable, 'stock-low')).toEqual([]);
    const offScreen = evening(
      600,
      (sec) => room(sec, { a: { sold: Math.floor(sec / 5), stock: 100 - Math.floor(sec / 10) } }),
      () => 'b',
    );
    expect(cuesOf(offScreen, 'stock-low')).toEqual([]);
  });
});

describe('product-fading', () => {
  it('cues the pinned product whose click-through fell below its first minutes and the other products', () => {
    // Others were explained at 10 % click-through; 'a' starts at 15 % and falls to 4 % at 400 s.
    const clicksOf = (sec: number) => (sec < 400 ? sec * 1.5 : 600 + (sec - 400) * 0.4);
    const events = evening(
      900,
      (sec) => ({
        ...room(sec),
        b: { impressions: Math.min(sec, 240) * 10, clicks: Math.floor(Math.min(sec, 240)), sold: 1 },
        a: { impressions: sec * 10, clicks: Math.floor(clicksOf(sec)), sold: Math.floor(sec / 30) },
      }),
      (sec) => (sec < 240 ? 'b' : sec < 900 ? 'a' : null),
    );
    const cues = cuesOf(events, 'product-fading');
    expect(cues).toHaveLength(1);
    expect(cues[0]).toMatchObject({ key: 'a', title: 'cue.product-fading.titleCtr' });
    expect(cues[0]!.at).toBeGreaterThan(400);
    expect(cues[0]!.at).toBeLessThan(520);
    expect(cues[0]!.params.nowPct).toBeLessThan(9);
    expect(cues[0]!.params.othersPct).toBeCloseTo(10, 0);
  });
});

describe('product-hot-unpinned', () => {
  it('cues a product off screen that sells far above the rest, not the tail of the one just taken down', () => {
    const events = evening(
      900,
      (sec) =>
        room(sec, {
          // Pinned until 300 s and selling 6 a minute; its sales go on for a minute after (the pitch's tail).
          b: { sold: Math.floor(Math.min(sec, 360) / 10), impressions: sec * 5, clicks: Math.floor(sec / 5) },
          // Nobody explains 'e', and from 600 s it sells 5 a minute.
          e: {
            sold: Math.max(0, Math.floor((sec - 600) / 12)),
            impressions: sec * 2,
            clicks: Math.floor(sec / 10),
          },
        }),
      (sec) => (sec < 300 ? 'b' : 'c'),
    );
    const cues = cuesOf(events, 'product-hot-unpinned');
    expect(cues.map((cue) => cue.key)).toEqual(['e']);
    expect(cues[0]!.at).toBeGreaterThan(600);
    expect(cues[0]!.at).toBeLessThan(720);
    expect(cues[0]).toMatchObject({
      title: 'cue.product-hot-unpinned.titleSold',
      params: { productId: 'e' },
    });
  });
  it('judges each check over the last five minutes only: sales that left the window no longer count', () => {
    // 'e' sells 10 a minute in two bursts of two minutes, far apart; between them it sells nothing. Each
    // burst is cued; when the product may be cued again (15 min after the first), the first burst's sales
    // have left the window, so nothing is cued until the second, whose rate counts its own sales alone.
    const burst = (sec: number, from: number) => Math.floor(Math.min(Math.max(0, sec - from), 120) / 6);
    const events = evening(
      2400,
      (sec) =>
        room(sec, {
          e: { sold: burst(sec, 600) + burst(sec, 2000), impressions: sec * 2, clicks: Math.floor(sec / 10) },
        }),
      () => 'c',
    );
    const cues = cuesOf(events, 'product-hot-unpinned');
    expect(cues.map((cue) => cue.key)).toEqual(['e', 'e']);
    expect(cues[0]!.at).toBeGreaterThan(640);
    expect(cues[0]!.at).toBeLessThan(700);
    expect(cues[1]!.at).toBeGreaterThan(2040);
    expect(cues[1]!.at).toBeLessThan(2100);
    // Ten or so items in the five minutes: 2 a minute, not the 6 of both bursts.
    expect(cues[1]!.params.perMin).toBeGreaterThanOrEqual(1.5);
    expect(cues[1]!.params.perMin).toBeLessThanOrEqual(2.5);
  });
});

describe('unpaid-orders', () => {
  it('cues a pile of unpaid orders that stays a minute, not a batch paid within seconds', () => {
    const unpaid = (sec: number) => (sec >= 200 && sec < 230 ? 14 : sec >= 500 ? 12 : 2);
    const events = evening(
      800,
      (sec) => room(sec, { d: { unpaidOrders: unpaid(sec) } }),
      () => 'd',
    );
    const cues = cuesOf(events, 'unpaid-orders');
    expect(cues).toHaveLength(1);
    expect(cues[0]).toMatchObject({ key: 'd', params: { unpaid: 12 }, title: 'cue.unpaid-orders.title' });
    expect(cues[0]!.at).toBeGreaterThanOrEqual(560);
    expect(cues[0]!.at).toBeLessThanOrEqual(570);
  });
});

describe('product-dwell with the page’s pins', () => {
  it('times the product from its real pin, whatever the samples’ product says', () => {
    const events = evening(
      900,
      (sec) => room(sec),
      (sec) => (sec < 100 ? null : 'a'),
    ).map((event) => (event.kind === 'sample' ? { ...event, product: { id: 'z', name: 'stale' } } : event));
    const cues = fold(events, only({ 'product-dwell': {} })).cues;
    expect(cues[0]).toMatchObject({ params: { product: '款a' } });
    expect((cues[0]!.firedAt - T0) / 1000).toBeGreaterThanOrEqual(400);
  });
});
