import type { EngineEvent } from '../engine/types';
import type { ProductMetricValues, ProductRowReading, ProductsEvent } from '../products/productContract';
import { createScenarioPlayer } from './scenarioPlayer';
import type { Scenario } from './scenarioSchema';

// A scenario as the engine would see it live: a plan event at second 0 when the scenario has one, a sample
// per step, and a tick per step while the reader is silent (the background's alarm does the same); each
// comment just before the sample of the step that shows it (it rides on that sample, DESIGN.md §1). With
// a catalog, a products event comes just before the sample whose page changed the product table: the rows
// that changed (only their changed values; every value the first time a row is seen) and the pinned product.

export interface ScenarioRun {
  startedAt: number;
  events: EngineEvent[];
}

export function scenarioEvents(scenario: Scenario): ScenarioRun {
  const player = createScenarioPlayer(scenario);
  const events: EngineEvent[] = [];
  if (scenario.plan && scenario.plan.length > 0) {
    events.push({ kind: 'plan', ts: player.startTs, plan: scenario.plan });
  }
  const samples = player.samples()[Symbol.iterator]();
  const comments = player.comments();
  let c = 0;
  const tableChanges = new ProductTableChanges();
  let next = samples.next();
  for (let i = 0; i < player.stepCount; i++) {
    const sec = i * scenario.stepSec;
    const ts = Math.round(player.startTs + sec * 1000);
    for (; c < comments.length && comments[c]!.sec <= sec; c++) {
      const { ts: at, user, text } = comments[c]!;
      events.push({ kind: 'comment', ts: at, user, text });
    }
    if (!next.done && next.value.sec === sec) {
      const step = next.value;
      if (step.productTable) {
        const products = tableChanges.next(ts, step.productTable.rows, step.productTable.pinnedId);
        if (products) events.push(products);
      }
      events.push({
        kind: 'sample',
        ts,
        metrics: step.metrics,
        product: step.product,
        ...(step.ended && { ended: true }),
      });
      next = samples.next();
    } else {
      events.push({ kind: 'tick', ts });
    }
  }
  return { startedAt: player.startTs, events };
}

/** The difference between one product table reading and the one before: what a reader sends as it changes. */
export class ProductTableChanges {
  private readonly shown = new Map<string, ProductRowReading>();
  private pinnedId: string | null | undefined;

  next(ts: number, rows: readonly ProductRowReading[], pinnedId: string | null): ProductsEvent | undefined {
    const changed: ProductRowReading[] = [];
    for (const row of rows) {
      const before = this.shown.get(row.id);
      this.shown.set(row.id, row);
      if (!before) {
        changed.push(row);
        continue;
      }
      let metrics: ProductMetricValues | undefined;
      for (const key in row.metrics) {
        const metric = key as keyof ProductMetricValues;
        const value = row.metrics[metric];
        if (value === before.metrics[metric]) continue;
        metrics ??= {};
        metrics[metric] = value;
      }
      if (metrics || row.name !== before.name || row.price !== before.price) {
        changed.push({
          id: row.id,
          ...(row.name !== undefined && { name: row.name }),
          ...(row.price !== undefined && { price: row.price }),
          metrics: metrics ?? {},
        });
      }
    }
    if (changed.length === 0 && pinnedId === this.pinnedId) return undefined;
    this.pinnedId = pinnedId;
    return { kind: 'products', ts, rows: changed, pinnedId };
  }
}
