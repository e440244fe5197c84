import { describe, expect, it } from 'vitest';
import { RoomStats, S } from '../../../../lib/core/engine/roomStats';

const T0 = 1_700_000_000_000;

describe('RoomStats', () => {
  it('keeps a windowed mean over the last seconds, dropping values that leave the window', () => {
    const room = new RoomStats(T0);
    const mean = room.meanOver(S.viewers, 3);
    for (const [sec, viewers] of [
      [0, 100],
      [1, 200],
      [2, 300],
      [3, 400],
    ] as const) {
      room.addSample(T0 + sec * 1000, { viewers }, undefined);
    }
    expect(mean.mean).toBe(300); // (200 + 300 + 400) / 3
  });

  it('carries the last values over seconds without a sample', () => {
    const room = new RoomStats(T0);
    room.addSample(T0, { orders: 10 }, undefined);
    room.addSample(T0 + 5000, { orders: 20 }, undefined);
    expect(room.valueAgo(S.orders, 1)).toBe(10);
    expect(room.delta(S.orders, 5)).toBe(10);
    expect(room.ratePerMin(S.orders, 5)).toBe(120);
  });

  it('carries the values of the sample just before a gap, after samples a second apart', () => {
    const room = new RoomStats(T0);
    room.addSample(T0, { orders: 10 }, undefined);
    room.addSample(T0 + 1000, { orders: 15 }, undefined);
    room.addSample(T0 + 2000, { orders: 16 }, undefined);
    room.addSample(T0 + 6000, { orders: 20 }, undefined);
    expect([4, 3, 2, 1, 0].map((ago) => room.valueAgo(S.orders, ago))).toEqual([16, 16, 16, 16, 20]);
    expect(room.valueAgo(S.orders, 5)).toBe(15);
  });

  it('treats null and missing values as unknown, never as 0', () => {
    const room = new RoomStats(T0);
    const mean = room.meanOver(S.viewers, 10);
    room.addSample(T0, { viewers: 500 }, undefined);
    room.addSample(T0 + 1000, { viewers: null }, undefined);
    room.addSample(T0 + 2000, {}, undefined);
    expect(mean.mean).toBe(500);
    expect(Number.isNaN(room.last[S.viewers]!)).toBe(true);
  });

  it('lets a second sample in the same second replace the first', () => {
    const room = new RoomStats(T0);
    const mean = room.meanOver(S.viewers, 5);
    room.addSample(T0, { viewers: 100 }, undefined);
    room.addSample(T0 + 1000, { viewers: 100 }, undefined);
    room.addSample(T0 + 1500, { viewers: 300 }, undefined);
    expect(mean.mean).toBe(200);
  });

  it('derives GPM and UV value from the counters', () => {
    const room = new RoomStats(T0);
    room.addSample(T0, { gmv: 12_000, views: 10_000, entries: 4000 }, undefined);
    expect(room.last[S.gpm]).toBe(1200);
    expect(room.last[S.uvValue]).toBe(3);
  });

  it('notes when the product on screen changes', () => {
    const room = new RoomStats(T0);
    room.addSample(T0, {}, { id: 'p1', name: 'A' });
    room.addSample(T0 + 60_000, {}, { id: 'p1', name: 'A' });
    expect(room.productSinceTs).toBe(T0);
    room.addSample(T0 + 90_000, {}, { id: 'p2', name: 'B' });
    expect(room.productSinceTs).toBe(T0 + 90_000);
  });

  it('learns how often each number really changes, and stretches windows to hold several changes', () => {
    const room = new RoomStats(T0);
    for (let sec = 0; sec <= 600; sec++) {
      // Viewers redraw every second, orders every 30 s (a slow tile), likes every 5 s.
      room.addSample(
        T0 + sec * 1000,
        { viewers: 1000 + (sec % 2), orders: Math.floor(sec / 30), likes: Math.floor(sec / 5) * 50 },
        undefined,
      );
    }
    expect(room.cadenceSec(S.viewers)).toBeCloseTo(1, 5);
    expect(room.cadenceSec(S.likes)).toBeCloseTo(5, 5);
    expect(room.cadenceSec(S.orders)).toBeCloseTo(30, 5);
    expect(room.anyChangeGapSec).toBeCloseTo(1, 5);
    expect(room.windowFor(S.viewers, 60)).toBe(60);
    expect(room.windowFor(S.orders, 60)).toBe(180);
  });

  it("follows the table's pinned product, its name and price as the latest redraw shows them", () => {
    const room = new RoomStats(T0);
    const redraw = (sec: number, name: string, price?: number) =>
      room.addProducts({
        kind: 'products',
        ts: T0 + sec * 1000,
        rows: [{ id: 'p1', name, ...(price !== undefined && { price }), metrics: { sold: sec } }],
        pinnedId: 'p1',
      });
    redraw(0, 'Scarf');
    expect(room.product).toEqual({ id: 'p1', name: 'Scarf' });
    redraw(3, 'Scarf');
    expect(room.product).toEqual({ id: 'p1', name: 'Scarf' });
    redraw(6, 'Wool scarf', 199);
    expect(room.product).toEqual({ id: 'p1', name: 'Wool scarf', price: 199 });
    expect(room.productSinceTs).toBe(T0);
    room.addProducts({ kind: 'products', ts: T0 + 9000, rows: [], pinnedId: null });
    expect(room.product).toBeNull();
    expect(room.productKey).toBe('');
  });
});
