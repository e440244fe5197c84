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

  it('starts later in the scenario, at the speed in force there', () => {
    // From 9:50, at 30× until 19:10 and 10× after: 560 s in the first 18.67 s of wall time.
    const clock = createPlayClock(30, [{ atSec: 1150, speed: 10 }], 590);
    expect(clock(0)).toBe(590);
    expect(clock(10_000)).toBe(890);
    expect(clock(56_000 / 3)).toBeCloseTo(1150, 6);
    expect(clock(56_000 / 3 + 1000)).toBeCloseTo(1160, 6);
    // A start past a change plays at that change's speed (and at the one after it, later).
    const late = createPlayClock(40, [
      { atSec: 100, speed: 5 },
      { atSec: 300, speed: 20 },
    ]);
    const fromLate = createPlayClock(
      40,
      [
        { atSec: 100, speed: 5 },
        { atSec: 300, speed: 20 },
      ],
      200,
    );
    expect(fromLate(0)).toBe(200);
    expect(fromLate(20_000)).toBe(300);
    expect(fromLate(21_000)).toBe(320);
    // The same scenario seconds as the play from 0 from the moment that one reached 200 (22.5 s in).
    expect(fromLate(30_000)).toBe(late(52_500));
    // A start exactly at a change takes that change's speed.
    expect(createPlayClock(40, [{ atSec: 100, speed: 5 }], 100)(2000)).toBe(110);
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
    expect(() => createPlayClock(10, [], -1)).toThrow(/0 or more/);
    expect(() => createPlayClock(10, [], Number.NaN)).toThrow(/0 or more/);
  });
});
