// The mock room's clock: which scenario second to show after a given wall time of play, at a speed that may
// change at set scenario seconds (a test plays the uneventful opening fast and the part it acts on slowly).

export interface SpeedChange {
  /** The scenario second from which `speed` applies. */
  atSec: number;
  speed: number;
}

/**
 * The scenario second reached `wallMs` after play started at scenario second `fromSec` (0: the beginning) at
 * `speed`, then at each change's speed from its `atSec` on (a change at or before `fromSec` sets the speed
 * play starts at). Throws on a speed that is not positive, changes out of order, or a start that is not a
 * second of the scenario.
 */
export function createPlayClock(
  speed: number,
  changes: readonly SpeedChange[] = [],
  fromSec = 0,
): (wallMs: number) => number {
  const all = [{ atSec: 0, speed }, ...changes];
  for (const [i, segment] of all.entries()) {
    if (!(segment.speed > 0 && Number.isFinite(segment.speed)))
      throw new Error(`Play speed must be a positive number, not ${segment.speed}`);
    if (i > 0 && !(segment.atSec > all[i - 1]!.atSec))
      throw new Error(`Speed changes must be at increasing scenario seconds above 0, not ${segment.atSec}`);
  }
  if (!(fromSec >= 0 && Number.isFinite(fromSec)))
    throw new Error(`Play must start at a scenario second of 0 or more, not ${fromSec}`);
  // Play starts at `fromSec`, at the speed in force there.
  const first = all.findLastIndex((segment) => segment.atSec <= fromSec);
  const segments = [{ atSec: fromSec, speed: all[first]!.speed }, ...all.slice(first + 1)];
  // The wall time (ms) at which each segment starts.
  const startsAt = [0];
  for (let i = 1; i < segments.length; i++) {
    const before = segments[i - 1]!;
    startsAt.push(startsAt[i - 1]! + ((segments[i]!.atSec - before.atSec) / before.speed) * 1000);
  }
  return (wallMs) => {
    let i = segments.length - 1;
    while (i > 0 && wallMs < startsAt[i]!) i--;
    const segment = segments[i]!;
    return segment.atSec + ((wallMs - startsAt[i]!) / 1000) * segment.speed;
  };
}

/** The fastest speed of a play, which sets how often the page must look at its clock. */
export function topSpeed(speed: number, changes: readonly SpeedChange[] = []): number {
  return Math.max(speed, ...changes.map((change) => change.speed));
}
