// A live query answers with new objects on every write that touches its range, even when what it read did not
// change (today's cues are re-read on every sample, as each one moves its session's lastSampleAt). Keeping
// the list already shown when the answer holds the same rows spares the panel a render per sample.

/** Whether two answers hold the same rows, in the same order, field for field. */
export function sameRows<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}
