import { z } from '../../zodMini';
import { type RoomStats, S } from '../roomStats';
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
  paramsSchema: engagementLowParams,
  create(params: EngagementLowParams, room: RoomStats) {
    const viewers = room.meanOver(S.viewers, 30);
    let compare = params.compareSec;
    const rates = () => ({
      recent: room.ratePerMin(S.comments, params.windowSec),
      before: room.rateBetween(S.comments, params.windowSec + compare, params.windowSec),
    });
    return {
      check() {
        const history = room.historySec;
        if (history < params.windowSec * 2) return HOLD;
        compare = Math.min(params.compareSec, history - params.windowSec);
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
          params: { windowSec: params.windowSec, recent: round(recent, 1), before: round(before, 1) },
          evidence: [
            { metric: 'comments', from: round(before, 1), to: round(recent, 1), windowSec: params.windowSec },
          ],
          outcome: 'comments',
        };
      },
    };
  },
});
