import { type RoomStats, S } from './roomStats';

// Click-to-order conversion as the engine measures it: orders (buyers when orders are unknown) per
// product click, over a window or cumulative. NaN when a counter is unknown or there were no clicks.
// Plain numbers, no objects: rules call these on every sample.

export function ordersSeries(room: RoomStats): number {
  return Number.isNaN(room.last[S.orders]!) ? S.buyers : S.orders;
}

/** Conversion over the last `windowSec` seconds. */
export function windowConversion(room: RoomStats, windowSec: number): number {
  const clicks = room.delta(S.productClicks, windowSec);
  return clicks > 0 ? room.delta(ordersSeries(room), windowSec) / clicks : Number.NaN;
}

/** The room's cumulative conversion as it stood `agoSec` seconds ago. */
export function cumulativeConversion(room: RoomStats, agoSec: number): number {
  const clicks = room.valueAgo(S.productClicks, agoSec);
  return clicks > 0 ? room.valueAgo(ordersSeries(room), agoSec) / clicks : Number.NaN;
}
