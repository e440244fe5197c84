import type { SampleRow, SessionRow } from '../../store/rows';

// The review's comparison of a session with the same room's earlier sessions.

export interface SessionFigures {
  sessionId: string;
  startedAt: number;
  durationMs: number;
  peakViewers: number | null;
  gmv: number | null;
  /** GMV × 1000 ÷ cumulative views; null without both. */
  gpm: number | null;
  cuesFired: number;
  cuesActed: number;
}

/** Figures of one session from its row and its newest sample (for cumulative views and the final GMV). */
export function sessionFigures(session: SessionRow, lastSample: SampleRow | undefined): SessionFigures {
  const end = session.endedAt ?? session.lastSampleAt;
  const sampledGmv = lastSample?.metrics.gmv;
  const gmv = typeof sampledGmv === 'number' ? Math.max(sampledGmv, session.gmv ?? 0) : session.gmv;
  const views = lastSample?.metrics.views;
  return {
    sessionId: session.id,
    startedAt: session.startedAt,
    durationMs: Math.max(0, end - session.startedAt),
    peakViewers: session.peakViewers,
    gmv,
    gpm: gmv !== null && typeof views === 'number' && views > 0 ? (gmv * 1000) / views : null,
    cuesFired: session.cuesFired,
    cuesActed: session.cuesActed,
  };
}

export interface ComparedFigure {
  value: number | null;
  /** This session's value relative to the mean of the earlier ones: (value − mean) ÷ mean. */
  versusMean: number | null;
}

export type FigureKey = 'durationMs' | 'peakViewers' | 'gmv' | 'gpm' | 'cuesActed';
export const FIGURE_KEYS: readonly FigureKey[] = ['durationMs', 'peakViewers', 'gmv', 'gpm', 'cuesActed'];

/** How this session compares with the mean of the earlier ones, figure by figure. */
export function compareWithPrevious(
  current: SessionFigures,
  previous: readonly SessionFigures[],
): Record<FigureKey, ComparedFigure> {
  const result = {} as Record<FigureKey, ComparedFigure>;
  for (const key of FIGURE_KEYS) {
    const values = previous.map((figures) => figures[key]).filter((v): v is number => typeof v === 'number');
    const mean = values.length > 0 ? values.reduce((sum, v) => sum + v, 0) / values.length : null;
    const value = current[key];
    result[key] = {
      value,
      versusMean: value !== null && mean !== null && mean !== 0 ? (value - mean) / mean : null,
    };
  }
  return result;
}
