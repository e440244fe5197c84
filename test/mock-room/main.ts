import type { MetricId } from '../../lib/core/metrics/metricCatalog';
import type { DisplayStyle } from '../../lib/core/scenario/displayStyles';
import { productDisplayStyle } from '../../lib/core/scenario/productTablePlayer';
import { createScenarioPlayer } from '../../lib/core/scenario/scenarioPlayer';
import { parseScenario, type Scenario } from '../../lib/core/scenario/scenarioSchema';
import { createPlayClock, type SpeedChange, topSpeed } from './playClock';
import { type ProductTableView, renderProductTable } from './productTableView';
import {
  addComments,
  formatClock,
  type MockLayout,
  renderGoods,
  renderMetricArea,
  showEndedModal,
} from './roomView';

// The mock live room: plays a scenario file at N× speed and keeps the scenario clock in
// document.documentElement.dataset.scenarioTime (DESIGN.md §3, "The mock room and its test hooks").
// The player gives the numbers the dashboard shows: redrawn at the scenario's refresh cadence, held on a
// stuck tile or a frozen page, rounded by the display style.

interface PlayOptions {
  speed?: number;
  /** Later speeds, each from a scenario second on (`speed` plays until the first). */
  speedChanges?: SpeedChange[];
  /**
   * The scenario second play starts at (default 0), as a room opened that far into its live: the page shows
   * that second's numbers and table first, and no comment from before it. A test skips an opening it has no
   * use for.
   */
  fromSec?: number;
  layout?: MockLayout;
  /** `renamed`: the product JSON answers under field names no reader knows (a dashboard update). */
  jsonShape?: 'douyin' | 'renamed';
}

/** How often the page asks its "server" for the product list, as dashboards poll (wall ms). */
const PRODUCT_POLL_MS = 2500;

const byId = (id: string) => document.getElementById(id) as HTMLElement;
const status = byId('player-status');
let stopCurrent: (() => void) | undefined;
let productTable: ProductTableView | undefined;
let state = { name: '', sec: 0, durationSec: 0, playing: false, ended: false };
/** Wall-clock epoch ms (sub-ms) at which each scenario time (epoch ms) was written to the page: latency probes read it. */
const shownAt = new Map<number, number>();

function play(input: unknown, options: PlayOptions = {}): void {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(`Bad scenario: ${parsed.error}`);
  stopCurrent?.();
  shownAt.clear();
  const scenario: Scenario = parsed.scenario;
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const changes = options.speedChanges ?? [];
  const fromSec = options.fromSec ?? 0;
  const clock = createPlayClock(speed, changes, fromSec);
  const player = createScenarioPlayer(scenario);
  const startAt = Date.parse(scenario.startAt ?? new Date().toISOString());
  const metricIds = Object.keys(scenario.metrics) as MetricId[];
  const cells = renderMetricArea(
    byId('metric-area'),
    metricIds,
    (scenario.display ?? {}) as Partial<Record<MetricId, DisplayStyle>>,
    options.layout ?? 'cards',
  );
  const goods = byId('goods-list');
  // With a catalog the room shows the dashboard's product table (virtualised) and polls its JSON.
  const tableArea = byId('product-table');
  let explainedByOperator: string | null | undefined;
  let lastPinned: string | null = null;
  productTable = scenario.catalog
    ? renderProductTable(
        tableArea,
        (metric) => productDisplayStyle(scenario, metric),
        (id, explaining) => {
          explainedByOperator = explaining ? id : null;
          if (state.sec >= 0) showStep(state.sec, true);
        },
      )
    : undefined;
  tableArea.hidden = !productTable;
  goods.hidden = !!productTable;
  const roomId = Math.random().toString(36).slice(2, 10);
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  if (productTable) {
    const poll = () => {
      const query = new URLSearchParams({ room_id: roomId, sec: String(Math.max(0, state.sec)) });
      if (explainedByOperator !== undefined) query.set('pinned', explainedByOperator ?? '');
      if (options.jsonShape === 'renamed') query.set('shape', 'renamed');
      fetch(`/mock-room/api/live_screen/product_list?${query}`)
        .then((r) => r.json())
        .then((body: { st?: number; data?: { product_list?: unknown[] } }) => {
          byId('product-sync').textContent =
            body.st === 0
              ? `商品数据已同步（第 ${formatClock(Math.max(0, state.sec))}）`
              : '商品数据同步失败';
        })
        .catch(() => {
          byId('product-sync').textContent = '商品数据同步失败';
        });
    };
    fetch(`/mock-room/api/rooms/${roomId}`, { method: 'POST', body: JSON.stringify(input) })
      .then(() => {
        poll();
        pollTimer = setInterval(poll, PRODUCT_POLL_MS);
      })
      .catch(() => {
        byId('product-sync').textContent = '商品数据同步失败';
      });
  }
  // With a catalog the goods list is the catalog; without one, the products the schedule puts up.
  const products = scenario.catalog
    ? scenario.catalog.map((p) => ({ id: p.id, name: p.name, price: p.price }))
    : (scenario.products ?? []).flatMap((p, i) =>
        p.id === null ? [] : [{ id: p.id ?? `p${i + 1}`, name: p.name ?? '', price: p.price }],
      );
  document.querySelector('.modal-mask-b8n9')?.remove();
  byId('live-tag').textContent = '直播中';
  byId('live-tag').classList.remove('ended');
  byId('scenario-name').textContent =
    `场景 ${scenario.name} · ${[speed, ...changes.map((c) => c.speed)].join('×→')}×${fromSec > 0 ? ` · 自 ${formatClock(fromSec)} 起` : ''}`;
  state = { name: scenario.name, sec: -1, durationSec: scenario.durationSec, playing: true, ended: false };

  let currentProduct: string | undefined;
  const feed = byId('comment-feed');
  feed.replaceChildren();
  const comments = player.comments();
  let nextComment = 0;
  // A play from a later second shows none of the comments before it.
  while (nextComment < comments.length && comments[nextComment]!.sec < fromSec) nextComment++;
  function showStep(sec: number, redrawOnly = false) {
    // Inside a scenario silence the page freezes, clock included: the reader sees nothing new.
    if (player.isSilent(sec)) return;
    if (redrawOnly) {
      const table = player.valuesAt(sec).productTable;
      if (table)
        productTable?.show(
          table.rows,
          explainedByOperator !== undefined ? explainedByOperator : table.pinnedId,
        );
      return;
    }
    // The clock moves first so a reader woken by the value change stamps it with this step's time.
    document.documentElement.dataset.scenarioTime = String(startAt + sec * 1000);
    const { metrics, product, productTable: table } = player.valuesAt(sec);
    if (table && productTable) {
      // The schedule's next pin takes over from an explain the operator clicked.
      if (table.pinnedId !== lastPinned) explainedByOperator = undefined;
      lastPinned = table.pinnedId;
      productTable.show(table.rows, explainedByOperator !== undefined ? explainedByOperator : table.pinnedId);
    }
    const writtenAt = performance.timeOrigin + performance.now();
    // Only steps that changed the page can be read: those are the ones a reader must not lose.
    if (cells.set(metrics)) shownAt.set(startAt + sec * 1000, writtenAt);
    const productId = product ? (product.id ?? products.find((p) => p.name === product.name)?.id) : undefined;
    if (!productTable && productId !== currentProduct) {
      currentProduct = productId;
      renderGoods(goods, products, currentProduct);
    }
    byId('live-clock').textContent = formatClock(sec);
    // The scenario's comments up to this step (none inside a freeze or a silence: the player leaves them out).
    const shown: { user: string; text: string }[] = [];
    for (; nextComment < comments.length && comments[nextComment]!.sec <= sec; nextComment++) {
      shown.push(comments[nextComment]!);
    }
    addComments(feed, shown);
    state.sec = sec;
  }

  const wallStart = performance.now();
  let lastStep = -1;
  const advance = () => {
    const elapsedSec = clock(performance.now() - wallStart);
    const step = Math.min(
      Math.floor(elapsedSec / scenario.stepSec),
      Math.floor(scenario.durationSec / scenario.stepSec),
    );
    if (step === lastStep) return;
    lastStep = step;
    showStep(step * scenario.stepSec);
    status.textContent = `播放中 ${formatClock(state.sec)} / ${formatClock(scenario.durationSec)}`;
    if (step * scenario.stepSec >= scenario.durationSec) finish();
  };
  const timer = setInterval(
    advance,
    Math.max(10, Math.min(250, (scenario.stepSec * 1000) / topSpeed(speed, changes) / 2)),
  );
  const finish = () => {
    clearInterval(timer);
    clearInterval(pollTimer);
    state.playing = false;
    if (scenario.ended === false) return;
    state.ended = true;
    byId('live-tag').textContent = '已结束';
    byId('live-tag').classList.add('ended');
    showEndedModal(document);
    status.textContent = '场景播放完毕';
  };
  stopCurrent = () => {
    clearInterval(timer);
    clearInterval(pollTimer);
    state.playing = false;
  };
  advance();
}

async function loadFromQuery(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const name = query.get('scenario');
  if (!name) {
    status.textContent =
      '未指定场景：在地址后加 ?scenario=demo&speed=1，或由测试调用 window.mockRoom.play(…)';
    return;
  }
  const url =
    /^(https?:)?\/\//.test(name) || name.endsWith('.json')
      ? name
      : `/scenarios/${encodeURIComponent(name)}.json`;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    play(await response.json(), {
      speed: Number(query.get('speed') ?? '1'),
      fromSec: Number(query.get('from') ?? '0'),
      layout: query.get('layout') === 'table' ? 'table' : 'cards',
      jsonShape: query.get('jsonShape') === 'renamed' ? 'renamed' : 'douyin',
    });
  } catch (error) {
    status.textContent = `场景加载失败：${error instanceof Error ? error.message : String(error)}`;
  }
}

declare global {
  interface Window {
    mockRoom: {
      play: typeof play;
      stop: () => void;
      state: () => typeof state;
      shownAt: (scenarioTime: number) => number | undefined;
      /** Scenario times (epoch ms) of every step that changed the page. */
      shownTimes: () => number[];
      /** Scrolls the product table so this row is on top (its row elements are recycled). */
      scrollProducts: (index: number) => void;
      /** Product ids whose rows exist in the DOM now. */
      drawnProducts: () => string[];
    };
  }
}
window.mockRoom = {
  play,
  stop: () => stopCurrent?.(),
  state: () => ({ ...state }),
  shownAt: (scenarioTime) => shownAt.get(scenarioTime),
  shownTimes: () => [...shownAt.keys()],
  scrollProducts: (index) => productTable?.scrollToIndex(index),
  drawnProducts: () => productTable?.drawnIds() ?? [],
};
void loadFromQuery();
