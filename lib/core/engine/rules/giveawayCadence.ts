import { builtOnFirstUse } from '../../builtOnFirstUse';
import { z } from '../../zodMini';
import { bit, type RoomStats, S } from '../roomStats';
import { CLEAR, commonFields, defineRule, FIRE, field, intIn, round } from '../ruleDefinition';

// A giveaway (福袋) every 15–20 minutes, tied to a follow + comment task (practice). The page does not
// show giveaways, so the cadence runs from the last giveaway cue.

export const giveawayCadenceParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 600, ttlSec: 180 }),
    intervalSec: field(intIn(300, 3600), 900),
    firstAfterSec: field(intIn(0, 3600), 600),
    giveawaySec: field(intIn(60, 3600), 300),
  }),
);
export type GiveawayCadenceParams = z.infer<ReturnType<typeof giveawayCadenceParams>>;

export const giveawayCadence = defineRule({
  id: 'giveaway-cadence',
  severity: 'act',
  priority: 45,
  onTick: false,
  checkEverySec: 5,
  reads: [],
  paramsSchema: giveawayCadenceParams,
  create(params: GiveawayCadenceParams, room: RoomStats) {
    let lastTs = Number.NaN;
    const due = () =>
      !Number.isNaN(lastTs)
        ? lastTs + params.intervalSec * 1000
        : room.startedAt + params.firstAfterSec * 1000;
    return {
      check(now) {
        return now >= due() ? FIRE : CLEAR;
      },
      propose(now) {
        const sinceSec = round((now - (!Number.isNaN(lastTs) ? lastTs : room.startedAt)) / 1000);
        return {
          title: !Number.isNaN(lastTs) ? 'cue.giveaway-cadence.title' : 'cue.giveaway-cadence.titleFirst',
          detail: 'cue.giveaway-cadence.detail',
          params: {
            sinceSec,
            giveawaySec: params.giveawaySec,
            // A giveaway's minimum watch time must be at least 2 minutes shorter than its duration (TikTok).
            watchSec: Math.max(30, params.giveawaySec - 120),
          },
          // The cadence runs by the clock; the viewer count is quoted only while it is live.
          evidence:
            (room.staleMask & bit(S.viewers)) === 0
              ? [
                  {
                    metric: 'viewers',
                    from: round(room.valueAgo(S.viewers, sinceSec)),
                    to: round(room.last[S.viewers]!),
                    windowSec: sinceSec,
                  },
                ]
              : [],
          outcome: 'viewers',
        };
      },
      fired(now) {
        lastTs = now;
      },
    };
  },
});
