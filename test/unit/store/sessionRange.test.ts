import { expect, it } from 'vitest';
import { sessionRange } from '../../../lib/store/sessionRange';
import { freshDbsDeletedAfterEach } from '../liveCueFixtures';

// One session's rows in a session-then-time index, whole or from a time on; its neighbours in the key order
// (ids that begin alike) never leak in.

const db = freshDbsDeletedAfterEach();

it('reads a session whole, or from a time on, and none of its neighbours', async () => {
  const d = db();
  await d.samples.bulkPut(
    [
      ['s1', 1000],
      ['s1', 2000],
      ['s1', 3000],
      ['s10', 1500],
      ['s0', 2500],
    ].map(([sessionId, ts]) => ({ sessionId: sessionId as string, ts: ts as number, metrics: {} })),
  );
  const times = async (range: ReturnType<typeof sessionRange>, lowerOpen = false) =>
    (
      await d.samples
        .where('[sessionId+ts]')
        .between(...range, !lowerOpen, true)
        .toArray()
    ).map((r) => r.ts);

  expect(await times(sessionRange('s1'))).toEqual([1000, 2000, 3000]);
  expect(await times(sessionRange('s1', 2000))).toEqual([2000, 3000]);
  expect(await times(sessionRange('s1', 2000), true)).toEqual([3000]);
  // A time that is not finite: from the first row.
  expect(await times(sessionRange('s1', Number.NEGATIVE_INFINITY))).toEqual([1000, 2000, 3000]);
  expect(await times(sessionRange('s1', Number.NaN))).toEqual([1000, 2000, 3000]);
  expect(await times(sessionRange('s'))).toEqual([]);
});
