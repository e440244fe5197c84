import { builtOnFirstUse } from '../../builtOnFirstUse';
import { z } from '../../zodMini';
import { type RoomStats, S } from '../roomStats';
import { CLEAR, commonFields, defineRule, FIRE, field, intIn, numberIn, round } from '../ruleDefinition';

// Call for follows on a cadence, skipped while the follow rate already meets its target
// (practice: follow rate above 3 % of viewers is healthy).

export const followCadenceParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 300, ttlSec: 120 }),
    intervalSec: field(intIn(120, 3600), 600),
    firstAfterSec: field(intIn(0, 3600), 300),
    targetFollowPct: field(numberIn(0, 100), 3),
  }),
);
export type FollowCadenceParams = z.infer<ReturnType<typeof followCadenceParams>>;

export const followCadence = defineRule({
  id: 'follow-cadence',
  severity: 'info',
  priority: 30,
  onTick: false,
  checkEverySec: 5,
  reads: ['entries', 'newFollowers'],
  paramsSchema: followCadenceParams,
  create(params: FollowCadenceParams, room: RoomStats) {
    let lastTs = Number.NaN;
    const due = () =>
      !Number.isNaN(lastTs)
        ? lastTs + params.intervalSec * 1000
        : room.startedAt + params.firstAfterSec * 1000;
    const followPct = () => {
      const window = Math.min(params.intervalSec, room.historySec);
      const entries = room.delta(S.entries, window);
      return entries > 0 ? (room.delta(S.newFollowers, window) / entries) * 100 : Number.NaN;
    };
    return {
      check(now) {
        if (now < due()) return CLEAR;
        if (followPct() >= params.targetFollowPct) {
          // Healthy: count this as a reminder slot passed, so the next check is a full interval later.
          lastTs = now;
          return CLEAR;
        }
        return FIRE;
      },
      propose() {
        const pct = followPct();
        const known = !Number.isNaN(pct);
        return {
          title: known ? 'cue.follow-cadence.title' : 'cue.follow-cadence.titleNoRate',
          detail: 'cue.follow-cadence.detail',
          params: {
            followPct: known ? round(pct, 1) : 0,
            targetPct: params.targetFollowPct,
            windowSec: Math.min(params.intervalSec, room.historySec),
          },
          evidence: known
            ? [
                {
                  metric: 'newFollowers',
                  from: round(room.valueAgo(S.newFollowers, Math.min(params.intervalSec, room.historySec))),
                  to: round(room.last[S.newFollowers]!),
                  windowSec: Math.min(params.intervalSec, room.historySec),
                },
              ]
            : [],
          outcome: 'newFollowers',
        };
      },
      fired(now) {
        lastTs = now;
      },
    };
  },
});
