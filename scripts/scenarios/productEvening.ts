import type { ProductMetricId } from '../../lib/core/products/productContract';
import { mulberry32 } from '../../lib/core/scenario/mulberry32';
import type { ScenarioInput } from '../../lib/core/scenario/scenarioSchema';

// Builds a live-shopping evening with a product list: a room whose totals are the sum of its products, and
// each product's impressions, clicks, carts and items sold following whether it is pinned (a pinned product
// gets the pop-up card's impressions and the pitch's click-through) plus scripted changes. Used for the
// labelled product scenarios (writeProductScenarios.ts) and the engine bench's 30-product evening.

export interface ProductRates {
  /** Impressions per minute, click-through (clicks ÷ impressions), items sold per click, carts per click. */
  impPerMin: number;
  ctr: number;
  conv: number;
  cartPerClick?: number;
}

export interface EveningProduct {
  id: string;
  name: string;
  price: number;
  initialStock?: number;
  listedAt?: number;
  offScreen: ProductRates;
  onScreen: ProductRates;
  /** Scripted stretches `[from, to)` that replace the rates (pinned or not). */
  changes?: { from: number; to: number; rates: Partial<ProductRates> }[];
  /** An explicit track for a metric (unpaid orders, a stock with restocks). */
  tracks?: Partial<Record<ProductMetricId, { points: [number, number][]; noisePct?: number }>>;
}

export interface EveningOptions {
  name: string;
  description: string;
  durationSec: number;
  seed: number;
  products: EveningProduct[];
  /** Pin schedule: `[at, productId | null]`. */
  pins: [number, string | null][];
  viewers?: number;
  noisePct?: number;
  productRefreshSec?: number | [number, number];
}

/** Product names of a clothing-and-home evening, for catalogs of any size. */
const NAMES = [
  '羊绒围巾',
  '福利款保温杯',
  '爆款羽绒服',
  '真丝眼罩',
  '加绒卫衣',
  '纯棉袜子五双装',
  '羊毛大衣',
  '保暖内衣套装',
  '防晒霜',
  '珍珠耳环',
  '雪地靴',
  '针织开衫',
  '毛绒拖鞋',
  '电热毯',
  '羊羔毛外套',
  '阔腿裤',
  '护手霜礼盒',
  '蚕丝被',
  '围巾手套套装',
  '马丁靴',
  '香薰蜡烛',
  '养生壶',
  '保温饭盒',
  '毛呢半裙',
  '高领毛衣',
  '暖宝宝十片',
  '珊瑚绒睡衣',
  '鸭舌帽',
  '皮质手套',
  '加厚打底裤',
  '手机支架',
  '充电暖手宝',
  '羽绒马甲',
  '卫衣套装',
  '牛仔外套',
  '小香风外套',
  '围裙',
  '厨房纸巾',
  '洗衣凝珠',
  '拖把套装',
];

/** A catalog of `count` products with prices from deal items (福利款) to profit items (利润款). */
export function catalogOf(count: number, seed: number): EveningProduct[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const deal = i % 6 === 1;
    const price = deal ? 9.9 + Math.round(random() * 20) : 59 + Math.round(random() * 340);
    const pull = 0.7 + random() * 0.6;
    return {
      id: String(1729384756102938000 + i * 7919),
      name: NAMES[i % NAMES.length]! + (i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ''),
      price,
      initialStock: deal ? 300 + Math.round(random() * 300) : 400 + Math.round(random() * 800),
      offScreen: { impPerMin: 40 * pull, ctr: 0.04 * pull, conv: 0.06, cartPerClick: 0.2 },
      onScreen: {
        impPerMin: 700 * pull,
        ctr: (deal ? 0.14 : 0.1) * pull,
        conv: deal ? 0.12 : 0.08,
        cartPerClick: 0.3,
      },
    };
  });
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function productEvening(options: EveningOptions): ScenarioInput {
  const { durationSec, products, pins } = options;
  const noisePct = options.noisePct ?? 12;
  const pinnedAt = (sec: number): string | null => {
    let id: string | null = null;
    for (const [at, pin] of pins) if (at <= sec) id = pin;
    return id;
  };
  // Rates are constant between breakpoints: pin changes, scripted changes, listings.
  const breaks = new Set<number>([0, durationSec]);
  for (const [at] of pins) breaks.add(at);
  for (const product of products) {
    if (product.listedAt) breaks.add(product.listedAt);
    for (const change of product.changes ?? []) {
      breaks.add(change.from);
      breaks.add(Math.min(durationSec, change.to));
    }
  }
  const times = [...breaks].filter((t) => t >= 0 && t <= durationSec).sort((a, b) => a - b);
  const ratesAt = (product: EveningProduct, sec: number): ProductRates => {
    const base = pinnedAt(sec) === product.id ? product.onScreen : product.offScreen;
    const change = product.changes?.find((c) => sec >= c.from && sec < c.to);
    return { ...base, ...change?.rates };
  };
  const roomSold: number[] = times.map(() => 0);
  const roomGmv: number[] = times.map(() => 0);
  const roomClicks: number[] = times.map(() => 0);
  const catalog = products.map((product) => {
    const totals = { impressions: 0, clicks: 0, carts: 0, sold: 0 };
    const points: Record<keyof typeof totals, [number, number][]> = {
      impressions: [[0, 0]],
      clicks: [[0, 0]],
      carts: [[0, 0]],
      sold: [[0, 0]],
    };
    for (let i = 1; i < times.length; i++) {
      const from = times[i - 1]!;
      const to = times[i]!;
      const listed = product.listedAt === undefined || from >= product.listedAt;
      const rates = ratesAt(product, from);
      const minutes = listed ? (to - from) / 60 : 0;
      const impressions = rates.impPerMin * minutes;
      const clicks = impressions * rates.ctr;
      totals.impressions += impressions;
      totals.clicks += clicks;
      totals.carts += clicks * (rates.cartPerClick ?? 0.25);
      totals.sold += clicks * rates.conv;
      for (const key of Object.keys(points) as (keyof typeof totals)[]) {
        points[key].push([to, round2(totals[key])]);
      }
      const soldCapped = Math.min(totals.sold, product.initialStock ?? Number.POSITIVE_INFINITY);
      roomSold[i]! += soldCapped;
      roomGmv[i]! += soldCapped * product.price;
      roomClicks[i]! += totals.clicks;
    }
    const metrics: Record<string, unknown> = {};
    for (const key of Object.keys(points) as (keyof typeof totals)[]) {
      metrics[key] = { points: points[key], noisePct };
    }
    Object.assign(metrics, product.tracks);
    return {
      id: product.id,
      name: product.name,
      price: product.price,
      ...(product.initialStock !== undefined && { initialStock: product.initialStock }),
      ...(product.listedAt !== undefined && { listedAt: product.listedAt }),
      metrics,
    };
  });
  const viewers = options.viewers ?? 1500;
  const line = (perMin: number): [number, number][] => [
    [0, 0],
    [durationSec, round2((perMin * durationSec) / 60)],
  ];
  return {
    name: options.name,
    description: options.description,
    durationSec,
    stepSec: 1,
    seed: options.seed,
    startAt: '2026-11-24T19:00:00Z',
    display: {
      viewers: 'comma',
      entries: 'comma',
      views: 'comma',
      gmv: 'currency',
      orders: 'comma',
      productClicks: 'comma',
      comments: 'comma',
      likes: 'w',
      newFollowers: 'plain',
      avgWatchSec: 'duration',
    },
    metrics: {
      viewers: {
        points: [
          [0, viewers],
          [durationSec, viewers],
        ],
        noisePct: 6,
      },
      entries: { points: line(viewers / 3), noisePct: 8 },
      views: { points: line(viewers / 1.5), noisePct: 8 },
      gmv: { points: times.map((t, i) => [t, round2(roomGmv[i]!)]), noisePct: 5 },
      orders: { points: times.map((t, i) => [t, round2(roomSold[i]!)]), noisePct: 5 },
      productClicks: { points: times.map((t, i) => [t, round2(roomClicks[i]!)]), noisePct: 5 },
      comments: { points: line(viewers / 20), noisePct: 10 },
      likes: { points: line(viewers * 2), noisePct: 10 },
      newFollowers: { points: line(viewers / 200), noisePct: 10 },
      avgWatchSec: {
        points: [
          [0, 70],
          [durationSec, 75],
        ],
        noisePct: 5,
      },
    },
    productRefreshSec: options.productRefreshSec ?? [3, 6],
    catalog,
    products: pins.map(([at, id]) => ({ at, id })),
  } as ScenarioInput;
}
