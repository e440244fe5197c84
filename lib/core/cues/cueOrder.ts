import type { Cue, Severity } from '../engine/types';

// Which cue is current — the one the streamer sees large, the overlay shows, the toolbar badge colours and a
// shortcut acts on — and which wait below it. One order for every face.

const SEVERITY_RANK: Record<Severity, number> = { urgent: 0, act: 1, info: 2 };

export interface ArrangedCues {
  current: Cue | null;
  queue: Cue[];
  snoozed: Cue[];
}

/**
 * The most severe active cue is current; ties go to the one that expires first (it has the least
 * time left to matter). Cues past their deadline are left out even before the engine marks them.
 */
export function arrangeCues(cues: readonly Cue[], now: number): ArrangedCues {
  const active = cues
    .filter((cue) => cue.status === 'active' && cue.expiresAt > now)
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        a.expiresAt - b.expiresAt ||
        a.firedAt - b.firedAt,
    );
  const snoozed = cues
    .filter((cue) => cue.status === 'snoozed')
    .sort((a, b) => (a.snoozedUntil ?? 0) - (b.snoozedUntil ?? 0));
  return { current: active[0] ?? null, queue: active.slice(1), snoozed };
}

/** The cue every face treats as current at `now` (session clock), or null when none is active. */
export function currentCue(cues: readonly Cue[], now: number): Cue | null {
  return arrangeCues(cues, now).current;
}

/** Seconds left on a cue's countdown and the fraction still to run, or null when it has none. */
export function countdownLeft(cue: Pick<Cue, 'firedAt' | 'countdownSec'>, now: number) {
  if (!cue.countdownSec || cue.countdownSec <= 0) return null;
  const endsAt = cue.firedAt + cue.countdownSec * 1000;
  const seconds = Math.max(0, Math.ceil((endsAt - now) / 1000));
  return { seconds, fraction: Math.min(1, seconds / cue.countdownSec) };
}

/** Ids in `next` that were not in `previous`: the cues to announce. */
export function newCueIds(previous: ReadonlySet<string>, next: readonly Cue[]): string[] {
  return next.filter((cue) => !previous.has(cue.id)).map((cue) => cue.id);
}
