import type { SessionRow } from '../../store/rows';

/** A session's length so far: to its end, or to its last sample while it is open. */
export const sessionDurationMs = (session: SessionRow) =>
  (session.endedAt ?? session.lastSampleAt) - session.startedAt;
