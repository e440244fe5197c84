import type { StalenessParams } from '../staleness';

// The data-stale rule's default thresholds, apart from its schema: the side panel greys a tile out by the
// same judgement (lib/ui/panel/metricTiles.ts) and imports this, not the rule, so opening the panel never
// builds the engine's rule schemas (its first paint, DESIGN.md §6).

export const DATA_STALE_DEFAULTS: Readonly<StalenessParams> = {
  noSampleSec: 20,
  minStuckSec: 30,
  minChanges: 10,
  minMovers: 1,
};
