import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../lib/core/engine/createEngine';
import type { EngineEvent } from '../../../../lib/core/engine/types';
import { scenarioEvents } from '../../../../lib/core/scenario/scenarioEvents';
import { scenarioSchema } from '../../../../lib/core/scenario/scenarioSchema';
import { recordedProductEvents } from '../../../../scripts/bench/products';

const played = (file: string) => {
  const json = JSON.parse(readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8'));
  return scenarioEvents(scenarioSchema.parse(json));
};

const cuesOf = (fold: { startedAt: number; events: readonly EngineEvent[] }) => {
  const engine = createEngine();
  const state = engine.init('bench', fold.startedAt);
  return fold.events.flatMap((event) =>
    engine.step(state, event).map((cue) => `${cue.ruleId} ${cue.firedAt} ${cue.status} ${cue.key ?? ''}`),
  );
};

describe('recordedProductEvents (the products bench folds a recorded session)', () => {
  it.each(['products-stock-low.json', 'products-hot-unpinned.json', 'products-unpaid-orders.json'])(
    'folds %s, filed and read back, to the cues the played evening gives',
    (file) => {
      const evening = played(file);
      const recorded = recordedProductEvents(evening);
      const cues = cuesOf(evening);
      expect(cues.some((cue) => /^(stock-low|product-hot-unpinned|unpaid-orders) /.test(cue))).toBe(true);
      expect(cuesOf(recorded)).toEqual(cues);
    },
  );

  it('carries only what changed: a product is named once, not on every row', () => {
    const evening = played('products-stock-low.json');
    const rows = (events: readonly EngineEvent[]) =>
      events.flatMap((event) => (event.kind === 'products' ? event.rows : []));
    const recorded = rows(recordedProductEvents(evening).events);
    const products = new Set(recorded.map((row) => row.id));
    expect(recorded.filter((row) => row.name !== undefined).length).toBe(products.size);
    expect(rows(evening.events).filter((row) => row.name !== undefined).length).toBeGreaterThan(
      products.size,
    );
  });
});
