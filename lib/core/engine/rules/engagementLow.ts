import { z } from '../../zodMini';
import { RING_SECONDS, type RoomStats, S } from '../roomStats';
import {
  CLEAR,
  commonFields,
  defineRule,
  FIRE,
  field,
  HOLD,
  intIn,
  numberIn,
  round,
} from '../ruleDefinition';

// The room goes quiet: comments fall far below their recent pace, or stop altogether in a room that was
// chatty. Cue an engagement line (a question, a comment task) — practice: dead air over ~30 s costs viewers.
// The windows stretch to hold several changes of the comment count at its own cadence.

export const engagementLowParams = z.object({
  ...commonFields({ cooldownSec: 600, ttlSec: 120 }),
  windowSec: field(intIn(30, 900), 120),
  compareSec: field(intIn(120, 1800), 600),
  lowRatio: field(numberIn(0, 0.9), 0.4),
  minCommentsPerMin: field(numberIn(0.1, 10000), 3),
  minViewers: field(intIn(0, 100000), 30),
});
export type EngagementLowParams = z.infer<typeof engagementLowParams>;

export const engagementLow = defineRule({
  id: 'engagement-low',
  severity: 'info',
  priority: 40,
  onTick: false,
  reads: ['comments', 'viewers'],
  paramsSchema: engagementLowParams,
  create(params: EngagementLowParams, room: RoomStats) {
    const viewers = room.meanOver(S.viewers, 30);
    let window = params.windowSec;
    let compare = params.compareSec;
    const rates = () => ({
      recent: room.ratePerMin(S.comments, window),
      before: room.rateBetween(S.comments, window + compare, window),
    });
    return {
      check() {
        window = room.windowFor(S.comments, params.windowSec);
        const history = room.historySec;
        if (history < window * 2) return HOLD;
        const scaledCompare = Math.round((params.compareSec * window) / params.windowSec);
        compare = Math.min(scaledCompare, history - window, RING_SECONDS - 1 - window);
        const { recent, before } = rates();
        if (!(before >= params.minCommentsPerMin)) return HOLD;
        if (recent <= before * params.lowRatio) return viewers.mean >= params.minViewers ? FIRE : HOLD;
        return recent >= before * 0.7 ? CLEAR : HOLD;
      },
      propose() {
        const { recent, before } = rates();
        return {
          title: 'cue.engagement-low.title',
          detail: 'cue.engagement-low.detail',
          params: { windowSec: window, recent: round(recent, 1), before: round(before, 1) },
          evidence: [{ metric: 'comments', from: round(before, 1), to: round(recent, 1), windowSec: window }],
          outcome: 'comments',
        };
      },
    };
  },
});
