import type { CueRow, SampleRow, SessionRow } from '../../store/rows';

// The running summary a session row carries for the popup list: peak viewers, GMV so far, cues fired
// and acted on. Pure, so the background can keep it up to date per batch without reading the database.

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

/** Cues fired and acted on (marked done by the operator) among a session's cues. */
export function cueCounts(
  cues: readonly Pick<CueRow, 'status'>[],
): Pick<SessionSummary, 'cuesFired' | 'cuesActed'> {
  return { cuesFired: cues.length, cuesActed: cues.filter((cue) => cue.status === 'done').length };
}
