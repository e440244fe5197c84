import { builtOnFirstUse } from '../../builtOnFirstUse';
import { z } from '../../zodMini';
import { bit, type RoomStats, S } from '../roomStats';
import { CLEAR, commonFields, defineRule, FIRE, field, HOLD, round } from '../ruleDefinition';

// GMV or viewer thresholds crossed: a moment to thank the room and push the close. Thresholds already passed
// when the session starts are skipped; viewers are read as a 10-second mean so a spike does not count.

const steps = (defaults: number[]) =>
  field(
    z.array(z.number().check(z.positive(), z.maximum(1e12))).check(z.minLength(1), z.maxLength(50)),
    defaults,
  );

export const milestoneParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 60, ttlSec: 60 }),
    gmvSteps: steps([10_000, 50_000, 100_000, 500_000, 1_000_000, 5_000_000, 10_000_000]),
    viewerSteps: steps([500, 1000, 2000, 5000, 10_000, 50_000, 100_000]),
  }),
);
export type MilestoneParams = z.infer<ReturnType<typeof milestoneParams>>;

export const milestone = defineRule({
  id: 'milestone',
  severity: 'info',
  priority: 20,
  onTick: false,
  checkEverySec: 5,
  reads: [],
  paramsSchema: milestoneParams,
  create(params: MilestoneParams, room: RoomStats) {
    const gmvSteps = [...params.gmvSteps].sort((a, b) => a - b);
    const viewerSteps = [...params.viewerSteps].sort((a, b) => a - b);
    const viewers = room.meanOver(S.viewers, 10);
    // Index of the next threshold to cross; −1 until the first known value sets it.
    let gmvNext = -1;
    let viewerNext = -1;
    const firstAbove = (list: number[], value: number) => {
      let i = 0;
      while (i < list.length && list[i]! <= value) i++;
      return i;
    };
    // Each threshold is judged on its own number: a stuck viewer tile does not hold back a GMV milestone.
    const fresh = (series: number) => (room.staleMask & bit(series)) === 0;
    const gmvCrossed = () =>
      fresh(S.gmv) && gmvNext >= 0 && gmvNext < gmvSteps.length && room.last[S.gmv]! >= gmvSteps[gmvNext]!;
    const viewersCrossed = () =>
      fresh(S.viewers) &&
      viewerNext >= 0 &&
      viewerNext < viewerSteps.length &&
      viewers.mean >= viewerSteps[viewerNext]!;
    let pending: 'gmv' | 'viewers' = 'gmv';

    return {
      check() {
        const gmv = room.last[S.gmv]!;
        if (gmvNext < 0 && !Number.isNaN(gmv)) gmvNext = firstAbove(gmvSteps, gmv);
        // Viewer thresholds within 10 % of the opening level count as already reached: noise would cross them.
        if (viewerNext < 0 && !Number.isNaN(viewers.mean) && room.historySec >= 30) {
          viewerNext = firstAbove(viewerSteps, viewers.mean * 1.1);
        }
        if (gmvCrossed()) {
          pending = 'gmv';
          return FIRE;
        }
        if (viewersCrossed()) {
          pending = 'viewers';
          return FIRE;
        }
        return gmvNext < 0 && viewerNext < 0 ? HOLD : CLEAR;
      },
      propose() {
        const isGmv = pending === 'gmv';
        const value = isGmv ? room.last[S.gmv]! : viewers.mean;
        const list = isGmv ? gmvSteps : viewerSteps;
        const threshold = list[firstAbove(list, value) - 1]!;
        const series = isGmv ? S.gmv : S.viewers;
        return {
          title: isGmv ? 'cue.milestone.titleGmv' : 'cue.milestone.titleViewers',
          detail: isGmv ? 'cue.milestone.detailGmv' : 'cue.milestone.detailViewers',
          params: { threshold, value: round(value) },
          evidence: [
            {
              metric: isGmv ? 'gmv' : 'viewers',
              from: round(room.valueAgo(series, room.historySec)),
              to: round(value),
              windowSec: room.historySec,
            },
          ],
        };
      },
      fired() {
        if (pending === 'gmv') gmvNext = firstAbove(gmvSteps, room.last[S.gmv]!);
        else viewerNext = firstAbove(viewerSteps, viewers.mean);
      },
    };
  },
});
