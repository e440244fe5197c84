import { describe, expect, it } from 'vitest';
import { productsEvents, productsEventsByTime } from '../../../lib/store/productEvents';
import type { ProductPinRow, ProductSnapshotRow } from '../../../lib/store/productRows';

// Stored product rows back into the engine's products events, the one way the refold and the pages do it.

const row = (productId: string, ts: number, extra: Partial<ProductSnapshotRow> = {}): ProductSnapshotRow => ({
  sessionId: 's1',
  productId,
  ts,
  metrics: { sold: ts / 1000 },
  ...extra,
});
const pin = (ts: number, productId: string | null): ProductPinRow => ({ sessionId: 's1', ts, productId });

describe('productsEvents', () => {
  it('makes one event per time, rows by product id, whatever order the rows came in', () => {
    const events = productsEvents(
      [row('p2', 2000), row('p1', 1000), row('p3', 2000), row('p1', 2000)],
      [pin(1000, 'p1')],
    );
    expect(events.map((event) => [event.ts, event.rows.map((r) => r.id), event.pinnedId])).toEqual([
      [1000, ['p1'], 'p1'],
      [2000, ['p1', 'p2', 'p3'], undefined],
    ]);
    expect('pinnedId' in events[1]!).toBe(false);
  });

  it('gives a pin change with no snapshot at its time an event of its own, a pin to none included', () => {
    const events = productsEvents([row('p1', 1000)], [pin(1500, null), pin(500, 'p1')]);
    expect(events).toEqual([
      { kind: 'products', ts: 500, rows: [], pinnedId: 'p1' },
      { kind: 'products', ts: 1000, rows: [{ id: 'p1', metrics: { sold: 1 } }] },
      { kind: 'products', ts: 1500, rows: [], pinnedId: null },
    ]);
  });

  it('carries a row’s name, price and sources only when the stored row has them', () => {
    const [event] = productsEvents(
      [row('p1', 1000, { name: '羊绒围巾', price: 199, sources: { sold: 'json' } }), row('p2', 1000)],
      [],
    );
    expect(event!.rows).toEqual([
      { id: 'p1', name: '羊绒围巾', price: 199, metrics: { sold: 1 }, sources: { sold: 'json' } },
      { id: 'p2', metrics: { sold: 1 } },
    ]);
    expect(Object.keys(event!.rows[1]!)).toEqual(['id', 'metrics']);
  });

  it('gives the same events from rows already grouped by time', () => {
    const rows = [row('p2', 2000), row('p1', 1000), row('p1', 2000)];
    const byTime = new Map([
      [2000, [rows[0]!, rows[2]!]],
      [1000, [rows[1]!]],
    ]);
    expect(productsEventsByTime(byTime, [pin(3000, 'p2')])).toEqual(productsEvents(rows, [pin(3000, 'p2')]));
  });
});
