import type { Sample } from '../../core/messages/sample';
import type { SampleRow, SessionRow } from '../../store/rows';

// How a session row and a sample row change shape on the live path: a sample as the row it is stored as,
// a session closed (once: a closed one keeps its first end) and reopened. Pure.

export function toSampleRow(sessionId: string, sample: Sample): SampleRow {
  const row: SampleRow = { sessionId, ts: sample.ts, metrics: sample.metrics, health: sample.health };
  if (sample.capped?.length) row.capped = sample.capped;
  if (sample.product !== undefined) row.product = sample.product;
  const src = sourceOf(sample);
  if (src) row.src = src;
  return row;
}

/** Who sent a reading (its page load and seq); undefined when the sender named no page. */
export const sourceOf = (sample: Pick<Sample, 'page' | 'seq'>): string | undefined =>
  sample.page === undefined ? undefined : `${sample.page}:${sample.seq}`;

export const closedSession = (
  row: SessionRow,
  endedAt: number,
  endReason: NonNullable<SessionRow['endReason']>,
): SessionRow => (row.endedAt === undefined ? { ...row, endedAt, endReason } : row);

export const reopenedSession = (row: SessionRow): SessionRow => {
  const { endedAt: _endedAt, endReason: _endReason, ...open } = row;
  return open;
};
