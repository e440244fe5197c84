import { vi } from 'vitest';

/**
 * Fake timers, clock and animation frames for the content side's tests: the sampler's settle check waits
 * for the page to draw, so frames must move with the fake clock.
 */
export function useFakeClockAndFrames(): void {
  vi.useFakeTimers({
    toFake: [
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'Date',
      'performance',
      'requestAnimationFrame',
      'cancelAnimationFrame',
    ],
  });
}
