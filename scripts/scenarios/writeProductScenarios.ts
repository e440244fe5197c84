import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ScenarioInput } from '../../lib/core/scenario/scenarioSchema';
import { catalogOf, type EveningProduct, productEvening } from './productEvening';

// `npx tsx scripts/scenarios/writeProductScenarios.ts`: writes the labelled product scenarios of
// test/scenarios (a positive and a steady negative per product rule). Labels come from what each evening
// was built to contain (when the stock runs short at the pace it sells, when a pitch goes flat…), never from
// what the engine said.

const DIR = fileURLToPath(new URL('../../test/scenarios/', import.meta.url));
const written: string[] = [];

type Label = { rule: string; from: number; within?: number; to?: number };

function write(file: string, scenario: ScenarioInput, expect: Label[], quiet: Label[]) {
  const labelled = {
    ...scenario,
    expect: expect.map(({ rule, from, within }) => ({ rule, from, within })),
    quiet: quiet.map(({ rule, from, to }) => ({ rule, from, to })),
  };
  writeFileSync(`${DIR}${file}`, `${JSON.stringify(labelled)}\n`);
  written.push(`${DIR}${file}`);
}

/** Products 0…n−1 pinned in turn for `slotSec` each from `startSec`. */
const rotation = (ids: string[], startSec: number, slotSec: number): [number, string | null][] =>
  ids.map((id, i) => [startSec + i * slotSec, id]);

const PRODUCT_RULES = ['stock-low', 'product-fading', 'product-hot-unpinned', 'unpaid-orders'];
const quietAll = (durationSec: number, except: string[] = []) =>
  PRODUCT_RULES.filter((rule) => !except.includes(rule)).map((rule) => ({ rule, from: 0, to: durationSec }));

// --- stock-low: a product put up with too little stock for its pace, then one that sells out on screen.
{
  const products = catalogOf(30, 11);
  const short = products[4]!;
  short.initialStock = 70;
  short.onScreen = { impPerMin: 800, ctr: 0.12, conv: 0.1, cartPerClick: 0.3 };
  const last = products[9]!;
  last.initialStock = 25;
  last.onScreen = { impPerMin: 800, ctr: 0.12, conv: 0.1, cartPerClick: 0.3 };
  const ids = products.map((p) => p.id);
  const pins: [number, string | null][] = [
    ...rotation(ids.slice(0, 4), 0, 300),
    [1200, short.id],
    [1500, ids[5]!],
    [1800, ids[6]!],
    [2100, last.id],
    [2400, ids[10]!],
  ];
  const scenario = productEvening({
    name: 'products-stock-low',
    description:
      'Thirty products. At 20:00 a coat goes up with about 68 in stock selling ~9.6 a minute: under five minutes of stock from about 2:05 in. At 35:00 a product with 23 left goes up and sells out on screen about 2:24 later.',
    durationSec: 2700,
    seed: 31,
    products,
    pins,
  });
  write(
    'products-stock-low.json',
    scenario,
    [
      // Under five minutes' stock about 125 s in at the nominal pace, sooner when the noise runs fast.
      { rule: 'stock-low', from: 1200 + 100, within: 115 },
      { rule: 'stock-low', from: 2100, within: 90 },
      // Sold out about 23 ÷ 9.6 minutes in, give or take the pace's noise.
      { rule: 'stock-low', from: 2220, within: 70 },
    ],
    [{ rule: 'stock-low', from: 0, to: 1290 }, ...quietAll(2700, ['stock-low'])],
  );
}

// --- stock-low, negative: an hour of ample stock, one product at 150 selling 10 a minute (15 minutes' worth).
{
  const products = catalogOf(30, 12);
  const mid = products[7]!;
  mid.initialStock = 150;
  mid.onScreen = { impPerMin: 800, ctr: 0.125, conv: 0.1, cartPerClick: 0.3 };
  const ids = products.map((p) => p.id);
  const scenario = productEvening({
    name: 'products-stock-steady',
    description:
      'Thirty products over an hour, each pinned five minutes; stocks are ample (one at 150 selling ten a minute while up, never under fifteen minutes of stock). No stock cue.',
    durationSec: 3600,
    seed: 32,
    products,
    pins: rotation(ids.slice(0, 12), 0, 300),
  });
  write('products-stock-steady.json', scenario, [], quietAll(3600, ['product-fading']));
}

// --- product-fading: a pitch whose click-through collapses three minutes in, below the room's other products.
{
  const products = catalogOf(30, 13);
  const flat = products[4]!;
  flat.onScreen = { impPerMin: 800, ctr: 0.16, conv: 0.09, cartPerClick: 0.3 };
  flat.changes = [{ from: 1380, to: 1800, rates: { ctr: 0.045 } }];
  const ids = products.map((p) => p.id);
  const pins: [number, string | null][] = [
    ...rotation(ids.slice(0, 4), 0, 300),
    [1200, flat.id],
    [1800, ids[5]!],
    [2100, ids[6]!],
  ];
  const scenario = productEvening({
    name: 'products-fading',
    description:
      'Thirty products. At 20:00 a product goes up with a 16% click-through; three minutes in it falls to 4.5%, under the ~10% the other products had while explained, and it stays up seven more minutes.',
    durationSec: 2400,
    seed: 33,
    products,
    pins,
  });
  write(
    'products-fading.json',
    scenario,
    [{ rule: 'product-fading', from: 1380, within: 120 }],
    [{ rule: 'product-fading', from: 0, to: 1375 }, ...quietAll(2400, ['product-fading'])],
  );
}

// --- product-fading, negative: an hour of five-minute slots whose click-through eases off 15% late in each slot.
{
  const products = catalogOf(30, 14);
  const ids = products.map((p) => p.id);
  const pins = rotation(ids.slice(0, 12), 0, 300);
  for (const [at, id] of pins) {
    const product = products.find((p) => p.id === id)!;
    product.changes = [
      {
        from: at + 150,
        to: at + 300,
        rates: { ctr: product.onScreen.ctr * 0.85, conv: product.onScreen.conv * 0.85 },
      },
    ];
  }
  const scenario = productEvening({
    name: 'products-fading-steady',
    description:
      'Thirty products over an hour, each pinned five minutes; click-through and conversion ease off 15% in the second half of each slot, as pitches do. No fading cue.',
    durationSec: 3600,
    seed: 34,
    products,
    pins,
  });
  write('products-fading-steady.json', scenario, [], quietAll(3600));
}

// --- product-hot-unpinned: a product never explained starts selling four a minute on its own.
{
  const products = catalogOf(25, 15);
  const found = products[20]!;
  found.changes = [{ from: 1500, to: 2400, rates: { impPerMin: 200, ctr: 0.15, conv: 0.15 } }];
  const ids = products.map((p) => p.id);
  const scenario = productEvening({
    name: 'products-hot-unpinned',
    description:
      'Twenty-five products pinned in turn. At 25:00 a product nobody has explained starts selling ~4.5 a minute (30 clicks a minute) while the other off-screen products sell one every ten minutes.',
    durationSec: 2400,
    seed: 35,
    products,
    pins: rotation(ids.slice(0, 8), 0, 300),
  });
  write(
    'products-hot-unpinned.json',
    scenario,
    [{ rule: 'product-hot-unpinned', from: 1500, within: 120 }],
    [{ rule: 'product-hot-unpinned', from: 0, to: 1495 }, ...quietAll(2400, ['product-hot-unpinned'])],
  );
}

// --- product-hot-unpinned, negative: each product keeps selling for 90 s after it leaves the screen (the pitch's tail).
{
  const products = catalogOf(30, 16);
  const ids = products.map((p) => p.id);
  const pins = rotation(ids.slice(0, 12), 0, 300);
  pins.forEach(([at, id]) => {
    const product = products.find((p) => p.id === id)!;
    const end = at + 300;
    const tail: Partial<EveningProduct['offScreen']> = { impPerMin: 300, ctr: 0.1, conv: 0.1 };
    product.changes = [{ from: end, to: end + 90, rates: tail }];
  });
  const scenario = productEvening({
    name: 'products-hot-steady',
    description:
      'Thirty products over an hour, each pinned five minutes; each keeps selling ~3 a minute for a minute and a half after it leaves the screen (viewers finishing their orders). No hot-product cue.',
    durationSec: 3600,
    seed: 36,
    products,
    pins,
  });
  write('products-hot-steady.json', scenario, [], quietAll(3600, ['product-fading']));
}

// --- unpaid-orders: sixteen orders left unpaid on the pinned product for five minutes.
{
  const products = catalogOf(20, 17);
  for (const product of products)
    product.tracks = {
      unpaidOrders: {
        points: [
          [0, 1],
          [1800, 2],
        ],
        noisePct: 30,
      },
    };
  products[3]!.tracks = {
    unpaidOrders: {
      points: [
        [0, 1],
        [900, 2],
        [1000, 3],
        [1010, 16],
        [1300, 15],
        [1310, 2],
        [1800, 2],
      ],
      noisePct: 10,
    },
  };
  const ids = products.map((p) => p.id);
  const scenario = productEvening({
    name: 'products-unpaid-orders',
    description:
      'Twenty products with the page showing unpaid orders. At 16:45 the product on screen piles up 16 unpaid orders and they stay for five minutes.',
    durationSec: 1800,
    seed: 37,
    products,
    pins: rotation(ids.slice(0, 6), 0, 300),
  });
  write(
    'products-unpaid-orders.json',
    scenario,
    [{ rule: 'unpaid-orders', from: 1005, within: 100 }],
    [{ rule: 'unpaid-orders', from: 0, to: 1000 }, ...quietAll(1800, ['unpaid-orders'])],
  );
}

// --- unpaid-orders, negative: unpaid orders come and go (a few always; brief batches of 12 paid within 30 s).
{
  const products = catalogOf(24, 18);
  products.forEach((product, i) => {
    const points: [number, number][] = [[0, 2]];
    for (let t = 300 + i * 40; t < 3500; t += 600)
      points.push([t, 3], [t + 5, 12], [t + 30, 11], [t + 35, 3]);
    points.push([3600, 2 + (i % 5)]);
    product.tracks = { unpaidOrders: { points, noisePct: 15 } };
  });
  const ids = products.map((p) => p.id);
  const scenario = productEvening({
    name: 'products-unpaid-steady',
    description:
      'Twenty-four products over an hour; each keeps 2–6 unpaid orders and every ten minutes a batch of about 12 that is paid within half a minute. No unpaid-orders cue.',
    durationSec: 3600,
    seed: 38,
    products,
    pins: rotation(ids.slice(0, 12), 0, 300),
  });
  write('products-unpaid-steady.json', scenario, [], quietAll(3600, ['product-fading']));
}

// --- demo.json: its room stays as it is; it gains a twelve-product list whose down jacket (p3, up from
// 6:40 with 60 in stock, ~9.6 sold a minute) has under five minutes of stock at its pace about 70 s later. Written into the file's text so
// the rest of it keeps its layout.
{
  const products = catalogOf(12, 21).map((product, i) => ({ ...product, id: `p${i + 1}` }));
  Object.assign(products[0]!, { name: '羊绒围巾', price: 199 });
  Object.assign(products[1]!, { name: '福利款保温杯', price: 19.9 });
  Object.assign(products[2]!, {
    name: '爆款羽绒服',
    price: 399,
    initialStock: 60,
    onScreen: { impPerMin: 800, ctr: 0.12, conv: 0.1, cartPerClick: 0.3 },
  });
  const built = productEvening({
    name: 'demo',
    description: '',
    durationSec: 600,
    seed: 21,
    products,
    pins: [
      [0, 'p1'],
      [180, 'p2'],
      [400, 'p3'],
    ],
  }) as { catalog: unknown[]; productRefreshSec: unknown };
  const path = `${DIR}demo.json`;
  const original = readFileSync(path, 'utf8');
  // Once it has a catalog the demo is left alone (other work edits it too).
  const lines = original.includes('"catalog"') ? [] : original.split('\n');
  const at = lines.indexOf('  "products": [');
  const block = [
    `  "productRefreshSec": ${JSON.stringify(built.productRefreshSec)},`,
    '  "catalog": [',
    ...built.catalog.map(
      (product, i) => `    ${JSON.stringify(product)}${i < built.catalog.length - 1 ? ',' : ''}`,
    ),
    '  ],',
  ];
  let text = [...lines.slice(0, at), ...block, ...lines.slice(at)].join('\n');
  if (!text.includes('"rule": "stock-low"')) {
    text = text.replace(
      '  "expect": [\n',
      '  "expect": [\n    {\n      "rule": "stock-low",\n      "from": 470,\n      "within": 100\n    },\n',
    );
  }
  if (at >= 0) {
    writeFileSync(path, text);
    written.push(path);
  }
}

// Laid out as every scenario file is (Biome).
execFileSync('npx', ['biome', 'format', '--write', ...written], { stdio: 'inherit' });
