import type { MetricId } from '../../../core/metrics/metricCatalog';
import {
  type FoundLabel,
  type LabelSearch,
  type LocateContext,
  labelSearch,
  type MetricLocation,
  placeLabels,
} from '../locateMetrics';

// The reader's first look: one walk of the page (its shadow roots and frames too) for every wanted metric,
// in slices so that on a big page none is a long task. Each slice walks until its deadline; the last one
// places every metric beside its best label.

export interface SlicedLook {
  /** Walks until `deadline`; the metrics found once the walk is done, else null (call again). */
  step(deadline: number): Map<MetricId, MetricLocation> | null;
}

export function slicedLook(
  searchRoots: readonly ParentNode[],
  wanted: ReadonlySet<MetricId>,
  /** Metrics already placed (the operator's bindings): kept, and not looked for. */
  bound: Map<MetricId, MetricLocation>,
  context: LocateContext,
  /** Hears of each wanted label with no value beside it yet. */
  onOrphan?: (label: Text) => void,
): SlicedLook {
  const searches = searchRoots.map((r): [ParentNode, LabelSearch] => [r, labelSearch(r, context)]);
  return {
    step(deadline) {
      for (const [, search] of searches) if (!search.step(deadline)) return null;
      const labelled = searches.map(([r, search]): [ParentNode, FoundLabel[]] => [r, search.labels]);
      return placeLabels(labelled, wanted, bound, context, onOrphan);
    },
  };
}
