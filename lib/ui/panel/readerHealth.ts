import type { ReaderHealth } from '../../core/messages/sample';
import type { MetricId } from '../../core/metrics/metricCatalog';

export interface HealthSummary {
  parsed: number;
  /** Metrics the reader looked for: parsed + failed + missing. */
  total: number;
  missing: MetricId[];
  /** Each refusal with the text the page showed, so the operator sees exactly what could not be read. */
  failed: { metric: MetricId; raw: string; reason: string }[];
  /** Seconds no number on the page has changed, once that is long enough to say so. */
  frozenSec?: number;
  /** The room's tab was in the background. */
  hidden?: boolean;
  /** Metrics read from the site's own layout (`adapter`) or the operator's pick rather than beside their label. */
  sources?: { metric: MetricId; source: 'adapter' | 'picked' }[];
  /** Comments the page read but had to give up since it loaded. */
  commentsDropped?: number;
}

/** "9/12 metrics" and what is wrong with the other three, from the newest sample's health. */
export function summariseHealth(health: ReaderHealth | undefined): HealthSummary | null {
  if (!health) return null;
  const summary: HealthSummary = {
    parsed: health.parsed.length,
    total: health.parsed.length + health.failed.length + health.missing.length,
    missing: [...health.missing],
    failed: health.failed.map((failure) => ({ ...failure })),
  };
  if (health.frozenSec !== undefined) summary.frozenSec = health.frozenSec;
  if (health.hidden) summary.hidden = true;
  const sources = Object.entries(health.sources ?? {}) as [MetricId, 'adapter' | 'picked'][];
  if (sources.length > 0) summary.sources = sources.map(([metric, source]) => ({ metric, source }));
  if (health.commentsDropped) summary.commentsDropped = health.commentsDropped;
  return summary;
}
