import { describe, expect, it } from 'vitest';
import { referenceLoop, referenceRate } from '../../../../scripts/bench/referenceRate';

describe('the benches’ reference loop', () => {
  it('gives the same answer for the same iterations, so its source is all its thread needs', () => {
    expect(referenceLoop(10_000)).toBe(referenceLoop(10_000));
    expect(Number.isFinite(referenceLoop(10_000))).toBe(true);
  });

  it('is run in its own thread, synchronously, as often as a bench asks', () => {
    const rates = [referenceRate(), referenceRate(), referenceRate()];
    for (const rate of rates) {
      expect(Number.isFinite(rate)).toBe(true);
      expect(rate).toBeGreaterThan(0);
    }
  });
});
