import { describe, expect, it } from 'vitest';
import type { ProductsEvent } from '../../../../lib/core/products/productContract';
import { scenarioEvents } from '../../../../lib/core/scenario/scenarioEvents';
import { createScenarioPlayer } from '../../../../lib/core/scenario/scenarioPlayer';
import { parseScenario, scenarioSchema } from '../../../../lib/core/scenario/scenarioSchema';

// A scenario's product catalog: the product table the page shows, and the products events a reader sends.

const room = { viewers: { points: [[0, 1000]] } };

const evening = (overrides: Record<string, unknown> = {}) =>
  scenarioSchema.parse({
    name: 'catalog',
    durationSec: 300,
    seed: 3,
    startAt: '2026-11-24T12:00:00Z',
    metrics: room,
    catalog: [
      {
        id: '1729384756102938475',
        name: 'Cashmere scarf',
        price: 199,
        initialStock: 50,
        metrics: {
          impressions: {
            points: [
              [0, 0],
              [300, 3000],
            ],
            noisePct: 10,
          },
          clicks: {
            points: [
              [0, 0],
              [300, 300],
            ],
            noisePct: 10,
          },
          sold: {
            points: [
              [0, 0],
              [300, 90],
            ],
          },
        },
      },
      {
        id: 'p2',
        name: '福利款保温杯',
        price: 19.9,
        listedAt: 120,
        metrics: {
          sold: {
            points: [
              [0, 0],
              [300, 30],
            ],
          },
          stock: {
            points: [
              [0, 500],
              [300, 470],
            ],
          },
        },
      },
    ],
    products: [
      { at: 0, id: '1729384756102938475' },
      { at: 100, id: null },
      { at: 200, id: 'p2' },
    ],
    ...overrides,
  });

describe('scenario catalog', () => {
  it('names the bad field: an unknown pinned product, a duplicate id, a counter going down', () => {
    const base = { name: 'x', durationSec: 60, metrics: room };
    const product = { id: 'a', name: 'A', metrics: {} };
    expect(parseScenario({ ...base, catalog: [product], products: [{ at: 0, id: 'b' }] })).toEqual({
      ok: false,
      error: 'products.0.id: names no product of the catalog (b)',
    });
    expect(parseScenario({ ...base, catalog: [product, product] })).toMatchObject({
      ok: false,
      error: 'catalog.1.id: duplicate product id a',
    });
    expect(
      parseScenario({
        ...base,
        catalog: [
          {
            ...product,
            metrics: {
              sold: {
                points: [
                  [0, 5],
                  [30, 4],
                ],
              },
            },
          },
        ],
      }),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^catalog\.0\.metrics\.sold\.points\.1\.1: sold is a counter/),
    });
    expect(parseScenario({ ...base, products: [{ at: 0, id: null, name: 'A' }] })).toMatchObject({
      ok: false,
      error: 'products.0.id: an entry that unpins (id: null) names no product',
    });
    // Without a catalog an entry still carries its own name, as before.
    expect(parseScenario({ ...base, products: [{ at: 0, id: 'p1', name: '围巾' }] }).ok).toBe(true);
  });

  it('shows every listed product with what the page would show, derived values included', () => {
    const player = createScenarioPlayer(evening());
    const first = player.valuesAt(60).productTable!;
    // The cup is listed at 120 s: not in the table before.
    expect(first.rows.map((row) => row.id)).toEqual(['1729384756102938475']);
    const scarf = first.rows[0]!.metrics;
    expect(scarf.sold).toBe(18);
    expect(scarf.gmv).toBe(18 * 199);
    expect(scarf.stock).toBe(50 - 18);
    expect(scarf.ctr).toBeCloseTo(scarf.clicks! / scarf.impressions!, 3);
    expect(first.pinnedId).toBe('1729384756102938475');
    expect(player.valuesAt(60).product).toEqual({
      id: '1729384756102938475',
      name: 'Cashmere scarf',
      price: 199,
    });

    const later = player.valuesAt(280).productTable!;
    expect(later.rows.map((row) => row.id)).toEqual(['1729384756102938475', 'p2']);
    // Fifty in stock: items sold stop there and the stock reads 0.
    expect(later.rows[0]!.metrics).toMatchObject({ sold: 50, stock: 0, gmv: 9950 });
    expect(later.pinnedId).toBe('p2');
    expect(player.valuesAt(150)).toMatchObject({ product: null, productTable: { pinnedId: null } });
  });

  it('redraws the table only at its refresh, holds it through a freeze, and shows unreadable values as null', () => {
    const player = createScenarioPlayer(
      evening({
        productRefreshSec: 10,
        freezes: [[30, 60]],
        catalog: [
          {
            id: 'a',
            name: 'A',
            metrics: {
              sold: {
                points: [
                  [0, 0],
                  [300, 300],
                ],
                unreadable: [[200, 220]],
              },
              impressions: {
                points: [
                  [0, 0],
                  [300, 3000],
                ],
              },
            },
          },
        ],
        products: [
          { at: 0, id: 'a' },
          { at: 40, id: null },
        ],
      }),
    );
    const sold = (sec: number) => player.valuesAt(sec).productTable!.rows[0]!.metrics.sold;
    const changes = new Set<number>();
    for (let sec = 1; sec < 30; sec++) if (sold(sec) !== sold(sec - 1)) changes.add(sec);
    expect(changes.size).toBeLessThanOrEqual(3);
    expect(sold(55)).toBe(sold(30));
    // The frozen page still shows the product pinned when it froze.
    expect(player.valuesAt(50).productTable!.pinnedId).toBe('a');
    expect(player.valuesAt(70).productTable!.pinnedId).toBeNull();
    expect(sold(210)).toBeNull();
    expect(player.valuesAt(210).productTable!.rows[0]!.metrics.impressions).toBeGreaterThan(0);
  });

  it('sends a products event only when the table changed: changed values only, the pin whenever it moves', () => {
    const { events } = scenarioEvents(evening({ productRefreshSec: 5 }));
    const products = events.filter((event): event is ProductsEvent => event.kind === 'products');
    expect(products[0]!.rows).toHaveLength(1);
    expect(Object.keys(products[0]!.rows[0]!.metrics).sort()).toEqual(
      ['clicks', 'conversionRate', 'ctr', 'gmv', 'impressions', 'sold', 'stock'].sort(),
    );
    expect(products[0]!.pinnedId).toBe('1729384756102938475');
    // Each event is followed by the sample of its step.
    for (const event of products) {
      const next = events[events.indexOf(event) + 1]!;
      expect(next).toMatchObject({ kind: 'sample', ts: event.ts });
    }
    // The table redraws every 5 s: the steps between send nothing.
    expect(products.length).toBeLessThanOrEqual(300 / 5 + 4);
    const unpinned = products.find((event) => event.pinnedId === null)!;
    expect(unpinned.ts).toBe(Date.parse('2026-11-24T12:01:40Z'));
    // A row sent again carries only what changed.
    const later = products.slice(1).flatMap((event) => event.rows);
    expect(later.some((row) => Object.keys(row.metrics).length < 7)).toBe(true);
    const cup = products.find((event) => event.rows.some((row) => row.id === 'p2'))!;
    expect(cup.ts).toBe(Date.parse('2026-11-24T12:02:00Z'));
  });
});
