import { describe, expect, it } from 'vitest';
import { createPlayClock, topSpeed } from '../../mock-room/playClock';

describe('the mock room’s play clock', () => {
  it('moves the scenario at one speed when none changes', () => {
    const clock = createPlayClock(10);
    expect(clock(0)).toBe(0);
    expect(clock(1500)).toBe(15);
    expect(clock(180_000)).toBe(1800);
  });

  it('plays the opening fast and the rest slowly, without a jump where the speed changes', () => {
    // 30× up to 1,200 s (40 s of wall time), 10× after it.
    const clock = createPlayClock(30, [{ atSec: 1200, speed: 10 }]);
    expect(clock(20_000)).toBe(600);
    expect(clock(40_000)).toBe(1200);
    expect(clock(39_999)).toBeCloseTo(1199.97, 2);
    expect(clock(41_000)).toBe(1210);
    expect(clock(100_000)).toBe(1800);
  });

  it('follows several changes, slower and faster again', () => {
    const clock = createPlayClock(20, [
      { atSec: 100, speed: 5 },
      { atSec: 150, speed: 50 },
    ]);
    // 100 s at 20× take 5 s; 50 s at 5× take 10 s; then 50× from 15 s on.
    expect(clock(5000)).toBe(100);
    expect(clock(10_000)).toBe(125);
    expect(clock(15_000)).toBe(150);
    expect(clock(16_000)).toBe(200);
    expect(
      topSpeed(20, [
        { atSec: 100, speed: 5 },
        { atSec: 150, speed: 50 },
      ]),
    ).toBe(50);
    expect(topSpeed(3)).toBe(3);
  });

  it('refuses a speed that is not positive and changes out of order', () => {
    expect(() => createPlayClock(0)).toThrow(/positive/);
    expect(() => createPlayClock(10, [{ atSec: 60, speed: Number.NaN }])).toThrow(/positive/);
    expect(() =>
      createPlayClock(10, [
        { atSec: 600, speed: 5 },
        { atSec: 300, speed: 20 },
      ]),
    ).toThrow(/increasing/);
    expect(() => createPlayClock(10, [{ atSec: 0, speed: 5 }])).toThrow(/increasing/);
  });
});
