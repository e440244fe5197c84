import type { SessionRow } from '../../store/rows';

// The sessions page's search and date filter over the session list (newest first).

export interface SessionFilter {
  /** Matched against the room title, room key and site, ignoring case. */
  text: string;
  /** Local calendar days `YYYY-MM-DD` (as date inputs give them); a session counts by its start. */
  fromDate?: string;
  toDate?: string;
}

/** Local midnight of a `YYYY-MM-DD` day, or undefined when the text is not one. */
export function localDayStart(day: string | undefined): number | undefined {
  const match = day?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

export function filterSessions(sessions: readonly SessionRow[], filter: SessionFilter): SessionRow[] {
  const needle = filter.text.trim().toLowerCase();
  const from = localDayStart(filter.fromDate);
  const toDay = localDayStart(filter.toDate);
  // The end of the `to` day: the next local midnight (DST-safe, unlike adding 24 h).
  const to = toDay === undefined ? undefined : new Date(toDay).setDate(new Date(toDay).getDate() + 1);
  return sessions
    .filter((session) => {
      if (from !== undefined && session.startedAt < from) return false;
      if (to !== undefined && session.startedAt >= to) return false;
      if (!needle) return true;
      return [session.title, session.roomKey, session.site].some((text) =>
        text.toLowerCase().includes(needle),
      );
    })
    .sort((a, b) => b.startedAt - a.startedAt);
}
