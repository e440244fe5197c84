import { type RoomStats, S } from './roomStats';

// Click-to-order conversion as the engine measures it: orders (buyers when orders are unknown) per
// product click, over a window or cumulative. NaN when a counter is unknown or there were no clicks.

function ordersSeries(room: RoomStats): number {
  return !Number.isNaN(room.last[S.orders]) ? S.orders : S.buyers;
}

/** Conversion over the last `windowSec` seconds, and the clicks it rests on. */
export function windowConversion(room: RoomStats, windowSec: number): { rate: number; clicks: number } {
  const clicks = room.delta(S.productClicks, windowSec);
  const orders = room.delta(ordersSeries(room), windowSec);
  return { rate: clicks > 0 ? orders / clicks : Number.NaN, clicks };
}

/** The room's cumulative conversion as it stood `agoSec` seconds ago, and the orders behind it. */
export function cumulativeConversion(room: RoomStats, agoSec: number): { rate: number; orders: number } {
  const clicks = room.valueAgo(S.productClicks, agoSec);
  const orders = room.valueAgo(ordersSeries(room), agoSec);
  return { rate: clicks > 0 ? orders / clicks : Number.NaN, orders };
}
