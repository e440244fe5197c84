import { describe, expect, it } from 'vitest';
import type { ProductTableReading } from '../../../../lib/core/products/productContract';
import { productsEvents } from '../../../../lib/store/productEvents';
import { ProductLedger } from '../../../../lib/worker/session/productLedger';

// A session's product list as the worker files it: only what changed, every value kept, late readings
// folded to where the page is.

const health = { rowsKnown: 2, domValues: 4, jsonValues: 0 };
const table = (rows: ProductTableReading['rows'], pinnedId?: string | null): ProductTableReading => ({
  rows,
  ...(pinnedId !== undefined && { pinnedId }),
  health,
});
const scarf = (metrics: Record<string, number | null>) => ({
  id: 'p1',
  name: '羊绒围巾',
  price: 199,
  metrics,
});

/** Each product's values after folding the ledger's stored events in time order. */
function foldedValues(ledger: ProductLedger) {
  const values: Record<string, Record<string, unknown>> = {};
  let pinned: string | null | undefined;
  for (const event of ledger.events()) {
    for (const row of event.rows) values[row.id] = { ...values[row.id], ...row.metrics };
    if (event.pinnedId !== undefined) pinned = event.pinnedId;
  }
  return { values, pinned };
}

describe('ProductLedger', () => {
  it('files a product seen first whole, then only the values that changed, and the pin when it moves', () => {
    const ledger = new ProductLedger('s1');
    const first = ledger.file(1000, table([scarf({ stock: 50, sold: 0, ctr: 0.05 })], 'p1'));
    expect(first.snapshots).toEqual([
      {
        sessionId: 's1',
        productId: 'p1',
        ts: 1000,
        name: '羊绒围巾',
        price: 199,
        metrics: { stock: 50, sold: 0, ctr: 0.05 },
      },
    ]);
    expect(first.pins).toEqual([{ sessionId: 's1', ts: 1000, productId: 'p1' }]);
    expect(first.event).toEqual({
      kind: 'products',
      ts: 1000,
      rows: [{ id: 'p1', name: '羊绒围巾', price: 199, metrics: { stock: 50, sold: 0, ctr: 0.05 } }],
      pinnedId: 'p1',
    });

    const second = ledger.file(2000, table([scarf({ stock: 48, sold: 2, ctr: 0.05 })], 'p1'));
    expect(second.snapshots).toEqual([
      { sessionId: 's1', productId: 'p1', ts: 2000, metrics: { stock: 48, sold: 2 } },
    ]);
    expect(second.pins).toEqual([]);
    expect(second.event).toEqual({
      kind: 'products',
      ts: 2000,
      rows: [{ id: 'p1', metrics: { stock: 48, sold: 2 } }],
    });

    // Unpinned: null is a pin change (nothing explained), a cell that cannot be read now is a change to null.
    const third = ledger.file(3000, table([scarf({ stock: null })], null));
    expect(third.snapshots).toEqual([
      { sessionId: 's1', productId: 'p1', ts: 3000, metrics: { stock: null } },
    ]);
    expect(third.pins).toEqual([{ sessionId: 's1', ts: 3000, productId: null }]);
  });

  it('stores nothing when a reconnected page sends every row again unchanged', () => {
    const ledger = new ProductLedger('s1');
    ledger.file(
      1000,
      table([scarf({ stock: 50 }), { id: 'p2', name: '真丝衬衫', metrics: { stock: 9 } }], 'p2'),
    );
    const resent = ledger.file(
      5000,
      table([scarf({ stock: 50 }), { id: 'p2', name: '真丝衬衫', metrics: { stock: 9 } }], 'p2'),
    );
    expect(resent).toEqual({ snapshots: [], pins: [], latest: [], late: false });
    // A page that cannot tell the pin (absent) changes no pin.
    expect(ledger.file(6000, table([scarf({ stock: 49 })])).pins).toEqual([]);
  });

  it('keeps where each value came from, for the values it files', () => {
    const ledger = new ProductLedger('s1');
    const filed = ledger.file(1000, {
      ...table([{ id: 'p1', metrics: { stock: 50, gmv: 0 }, sources: { stock: 'json', gmv: 'dom' } }]),
    });
    expect(filed.snapshots[0]?.sources).toEqual({ stock: 'json', gmv: 'dom' });
    const next = ledger.file(
      2000,
      table([{ id: 'p1', metrics: { stock: 40, gmv: 0 }, sources: { stock: 'dom', gmv: 'dom' } }]),
    );
    expect(next.snapshots[0]).toEqual({
      sessionId: 's1',
      productId: 'p1',
      ts: 2000,
      metrics: { stock: 40 },
      sources: { stock: 'dom' },
    });
  });

  it('rebuilt from its stored rows, files the next reading against them (a worker restart)', () => {
    const before = new ProductLedger('s1');
    const a = before.file(1000, table([scarf({ stock: 50, sold: 0 })], 'p1'));
    const b = before.file(2000, table([scarf({ stock: 45, sold: 5 })], 'p1'));
    const after = new ProductLedger('s1', [...a.snapshots, ...b.snapshots], [...a.pins, ...b.pins]);
    expect(after.events()).toEqual(before.events());
    expect(after.file(3000, table([scarf({ stock: 45, sold: 5 })], 'p1')).snapshots).toEqual([]);
    expect(after.file(4000, table([scarf({ stock: 44, sold: 6 })], 'p1')).snapshots).toHaveLength(1);
  });

  it('rebuilt from its latest values and no snapshot, files as it would have; older snapshots fill its history', () => {
    const before = new ProductLedger('s1');
    const a = before.file(1000, table([scarf({ stock: 50, sold: 0 })], 'p1'));
    const b = before.file(2000, table([scarf({ stock: 45, sold: 5 })], 'p1'));
    expect(b.latest).toEqual([
      {
        sessionId: 's1',
        productId: 'p1',
        name: '羊绒围巾',
        price: 199,
        metrics: { stock: 45, sold: 5 },
        setAt: { name: 1000, price: 1000, stock: 2000, sold: 2000 },
      },
    ]);
    const after = new ProductLedger('s1', [], [...a.pins, ...b.pins], b.latest);
    expect(after.file(3000, table([scarf({ stock: 45, sold: 5 })], 'p1'))).toEqual({
      snapshots: [],
      pins: [],
      latest: [],
      late: false,
    });
    // The restarted worker reads the older snapshots before its first fold: they leave the latest values.
    after.merge([...a.snapshots, ...b.snapshots], []);
    expect(after.events()).toEqual(before.events());
    const next = after.file(4000, table([scarf({ stock: 44, sold: 5 })], 'p1'));
    expect(next.snapshots.map((row) => row.metrics)).toEqual([{ stock: 44 }]);
    expect(next.latest[0]!.metrics).toEqual({ stock: 44, sold: 5 });
  });

  it('folds a late reading in and still ends the fold where the page is', () => {
    const ledger = new ProductLedger('s1');
    ledger.file(1000, table([scarf({ stock: 50 })], 'p1'));
    ledger.file(3000, table([{ id: 'p2', metrics: { stock: 8 } }], 'p1'));
    // A reading from between them arrives last: the scarf showed 47 and p2 was pinned at 2000.
    const late = ledger.file(2000, table([scarf({ stock: 47 })], 'p2'));
    expect(late.late).toBe(true);
    expect(late.event).toBeUndefined();
    // The page showed 50 and p1 pinned at 3000 (nothing it sent since changed): stated again there.
    expect(foldedValues(ledger)).toEqual({ values: { p1: { stock: 50 }, p2: { stock: 8 } }, pinned: 'p1' });
    const events = ledger.events();
    expect(events.map((e) => e.ts)).toEqual([1000, 2000, 3000]);
    expect(events[1]).toMatchObject({ rows: [{ id: 'p1', metrics: { stock: 47 } }], pinnedId: 'p2' });
    // Filing the same late reading again adds nothing.
    expect(ledger.file(2000, table([scarf({ stock: 47 })], 'p2')).snapshots).toEqual([]);
  });

  it('gives the same events live as its stored rows give (a refold folds what was folded live)', () => {
    const ledger = new ProductLedger('s1');
    const live = [
      ledger.file(1000, table([scarf({ stock: 50 }), { id: 'p0', metrics: { stock: 3 } }], 'p1')).event,
      ledger.file(2000, table([scarf({ stock: 49 })], 'p0')).event,
      ledger.file(3000, table([], null)).event,
    ];
    expect(ledger.events()).toEqual(live);
    const stored = ledger.events().flatMap((event) => ledger.rowsAt(event.ts).snapshots);
    const pins = ledger.events().flatMap((event) => ledger.rowsAt(event.ts).pins);
    expect(productsEvents(stored, pins)).toEqual(live);
  });
});
