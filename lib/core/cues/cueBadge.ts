import type { Cue, Severity } from '../engine/types';
import { arrangeCues } from './cueOrder';

// The toolbar badge: how many cues wait to be acted on across the open rooms, coloured by the most severe
// of them — the same cues, in the same order, as the side panel shows (cueOrder.ts).

export const BADGE_COLOURS: Record<Severity, string> = {
  urgent: '#c5221f',
  act: '#b06000',
  info: '#1a73e8',
};

export interface CueBadge {
  /** What the badge reads: '' when nothing waits, else the count (99+ above 99). */
  text: string;
  count: number;
  /** The most severe waiting cue's severity, or null when nothing waits. */
  severity: Severity | null;
  colour: string;
}

/** Each open room's cues with the room's own clock now (wall clock minus the session's offset). */
export interface RoomCues {
  cues: readonly Cue[];
  now: number;
}

export function cueBadge(rooms: readonly RoomCues[]): CueBadge {
  let count = 0;
  let top: Cue | null = null;
  for (const room of rooms) {
    const { current, queue } = arrangeCues(room.cues, room.now);
    if (!current) continue;
    count += 1 + queue.length;
    // arrangeCues puts the most severe first, so each room's current cue is its most severe one.
    if (!top || moreSevere(current.severity, top.severity)) top = current;
  }
  const severity = top?.severity ?? null;
  return {
    text: count === 0 ? '' : count > 99 ? '99+' : String(count),
    count,
    severity,
    colour: BADGE_COLOURS[severity ?? 'info'],
  };
}

const RANK: Record<Severity, number> = { urgent: 2, act: 1, info: 0 };
const moreSevere = (a: Severity, b: Severity) => RANK[a] > RANK[b];
