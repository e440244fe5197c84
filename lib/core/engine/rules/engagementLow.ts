import { builtOnFirstUse } from '../../builtOnFirstUse';
import { CommentActivity } from '../../comments/commentActivity';
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
// The pace is the dashboard's comment count where it shows one (its windows stretch to hold several
// changes at its own cadence); where it does not, the comment stream read off the page gives it, and the
// stream also says how many distinct viewers comment per minute.

export const engagementLowParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 600, ttlSec: 120 }),
    windowSec: field(intIn(30, 900), 120),
    compareSec: field(intIn(120, 1800), 600),
    lowRatio: field(numberIn(0, 0.9), 0.4),
    minCommentsPerMin: field(numberIn(0.1, 10000), 3),
    minViewers: field(intIn(0, 100000), 30),
  }),
);
export type EngagementLowParams = z.infer<ReturnType<typeof engagementLowParams>>;

export const engagementLow = defineRule({
  id: 'engagement-low',
  severity: 'info',
  priority: 40,
  onTick: false,
  checkEverySec: 5,
  reads: ['comments', 'viewers'],
  paramsSchema: engagementLowParams,
  create(params: EngagementLowParams, room: RoomStats) {
    const viewers = room.meanOver(S.viewers, 30);
    let window = params.windowSec;
    let compare = params.compareSec;
    const recentStream = new CommentActivity({ windowSec: params.windowSec, startedAt: room.startedAt });
    const longStream = new CommentActivity({
      windowSec: params.windowSec + params.compareSec,
      startedAt: room.startedAt,
    });
    let streamSince = Number.NaN;
    /** The stream is the source when the dashboard shows no comment count and the stream has run a while. */
    const fromStream = () => Number.isNaN(room.last[S.comments]!) && !Number.isNaN(streamSince);
    const streamRates = () => {
      const recent = recentStream.at(room.now);
      const long = longStream.at(room.now);
      const beforeSec = long.coveredSec - recent.coveredSec;
      return {
        recent: recent.commentsPerMin,
        before: beforeSec > 0 ? ((long.comments - recent.comments) * 60) / beforeSec : Number.NaN,
        commenters: recent.commentersPerMin,
        covered: long.coveredSec,
      };
    };
    const rates = () =>
      fromStream()
        ? streamRates()
        : {
            recent: room.ratePerMin(S.comments, window),
            before: room.rateBetween(S.comments, window + compare, window),
            commenters: Number.isNaN(streamSince) ? Number.NaN : recentStream.at(room.now).commentersPerMin,
            covered: room.historySec,
          };
    return {
      comment(comment) {
        recentStream.add(comment.ts, comment.user, comment.text);
        longStream.add(comment.ts, comment.user, comment.text);
        if (Number.isNaN(streamSince)) streamSince = comment.ts;
      },
      check() {
        if (fromStream()) {
          window = params.windowSec;
          const { recent, before, covered } = streamRates();
          if (covered < window * 2 || !(before >= params.minCommentsPerMin)) return HOLD;
          if (recent <= before * params.lowRatio) return viewers.mean >= params.minViewers ? FIRE : HOLD;
          return recent >= before * 0.7 ? CLEAR : HOLD;
        }
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
        const { recent, before, commenters } = rates();
        return {
          title: Number.isNaN(commenters) ? 'cue.engagement-low.title' : 'cue.engagement-low.titleCommenters',
          detail: 'cue.engagement-low.detail',
          params: {
            windowSec: window,
            recent: round(recent, 1),
            before: round(before, 1),
            ...(!Number.isNaN(commenters) && { commenters: round(commenters, 1) }),
          },
          evidence: [{ metric: 'comments', from: round(before, 1), to: round(recent, 1), windowSec: window }],
          outcome: 'comments',
        };
      },
    };
  },
});
