import { describe, expect, it } from 'vitest';
import { summaryWithSamples } from '../../../../lib/worker/session/sessionSummary';

describe('summaryWithSamples', () => {
  const start = { lastSampleAt: 1000, peakViewers: null, gmv: null };

  it('keeps the peak of viewers and the newest GMV, skipping unreadable values', () => {
    const summary = summaryWithSamples(start, [
      { ts: 1000, metrics: { viewers: 120, gmv: 10 } },
      { ts: 2000, metrics: { viewers: 480, gmv: null } },
      { ts: 3000, metrics: { viewers: null, gmv: 250 } },
    ]);
    expect(summary).toEqual({ lastSampleAt: 3000, peakViewers: 480, gmv: 250 });
  });

  it('does not move GMV back when an older sample is resent', () => {
    const summary = summaryWithSamples({ lastSampleAt: 5000, peakViewers: 10, gmv: 900 }, [
      { ts: 4000, metrics: { gmv: 700, viewers: 8 } },
    ]);
    expect(summary).toEqual({ lastSampleAt: 5000, peakViewers: 10, gmv: 900 });
  });
});
