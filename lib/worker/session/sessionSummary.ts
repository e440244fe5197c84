import type { SampleRow, SessionRow } from '../../store/rows';

// The running summary a session row carries for the sessions page: peak viewers, GMV so far, cues fired
// and acted on (those two the registry takes from the engine). Pure, so the background keeps it up to
// date per sample without reading the database.

export type SessionSummary = Pick<
  SessionRow,
  'lastSampleAt' | 'peakViewers' | 'gmv' | 'cuesFired' | 'cuesActed'
>;

/**
 * The summary after `samples` were added. GMV is a counter, so the newest reading wins; a resent older
 * sample never moves it back.
 */
export function summaryWithSamples(
  summary: Pick<SessionSummary, 'lastSampleAt' | 'peakViewers' | 'gmv'>,
  samples: readonly Pick<SampleRow, 'ts' | 'metrics'>[],
): Pick<SessionSummary, 'lastSampleAt' | 'peakViewers' | 'gmv'> {
  let { lastSampleAt, peakViewers, gmv } = summary;
  let gmvAt = lastSampleAt;
  for (const sample of samples) {
    const viewers = sample.metrics.viewers;
    if (typeof viewers === 'number' && (peakViewers === null || viewers > peakViewers)) peakViewers = viewers;
    const value = sample.metrics.gmv;
    if (typeof value === 'number' && (gmv === null || sample.ts >= gmvAt)) {
      gmv = value;
      gmvAt = sample.ts;
    }
    if (sample.ts > lastSampleAt) lastSampleAt = sample.ts;
  }
  return { lastSampleAt, peakViewers, gmv };
}
