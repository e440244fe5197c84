import type { ReaderHealth } from '../../core/messages/sample';
import type { MetricId } from '../../core/metrics/metricCatalog';

export interface HealthSummary {
  parsed: number;
  /** Metrics the reader looked for: parsed + failed + missing. */
  total: number;
  missing: MetricId[];
  failed: { metric: MetricId; raw: string; reason: string }[];
}

/** "9/12 metrics" and what is wrong with the other three, from the newest sample's health. */
export function summariseHealth(health: ReaderHealth | undefined): HealthSummary | null {
  if (!health) return null;
  return {
    parsed: health.parsed.length,
    total: health.parsed.length + health.failed.length + health.missing.length,
    missing: [...health.missing],
    failed: health.failed.map((failure) => ({ ...failure })),
  };
}
