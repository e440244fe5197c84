import type { LivecueDb } from './database';

// What the last retention run removed, kept in the settings table (key `retention`) so the sessions page
// can say it: history never disappears without a word. The worker writes it; pages read it with liveQuery.

export interface RetentionReport {
  /** When the run removed them (wall ms). */
  at: number;
  keepDays: number;
  /** How many sessions went. */
  count: number;
  /** The first of them, oldest first, as the sessions page names them. */
  sessions: { id: string; title: string; startedAt: number }[];
}

/** The most sessions a report names; `count` says how many went in all. */
export const REPORT_NAMES = 20;

/** The stored report, or null when there is none (or the row is not one). */
export async function readRetentionReport(db: Pick<LivecueDb, 'settings'>): Promise<RetentionReport | null> {
  const value = (await db.settings.get('retention'))?.value as Partial<RetentionReport> | undefined;
  if (
    !value ||
    typeof value.at !== 'number' ||
    typeof value.count !== 'number' ||
    !Array.isArray(value.sessions)
  )
    return null;
  return value as RetentionReport;
}
