import { METRIC_IDS } from '../../metrics/metricCatalog';
import { z } from '../../zodMini';
import { type RoomStats, S } from '../roomStats';
import { CLEAR, commonFields, defineRule, FIRE, field, intIn, type Proposal, round } from '../ruleDefinition';

// The numbers stopped being live: no sample for a while (seen on a tick), or a metric that always moves in a
// live room has not changed while others have — the reader has likely lost it (markup change, a modal).
// Orders and GMV are not watched here: their standing still is a sales stall, not stale data.

/** Metrics that keep moving in any room with people in it. */
const WATCHED = [S.viewers, S.entries, S.views, S.likes] as const;

export const dataStaleParams = z.object({
  ...commonFields({ cooldownSec: 600, ttlSec: 300 }),
  noSampleSec: field(intIn(10, 3600), 60),
  frozenSec: field(intIn(60, 3600), 300),
  minChanges: field(intIn(2, 10000), 10),
  minMovers: field(intIn(1, 11), 2),
});
export type DataStaleParams = z.infer<typeof dataStaleParams>;

export const dataStale = defineRule({
  id: 'data-stale',
  severity: 'urgent',
  priority: 110,
  onTick: true,
  paramsSchema: dataStaleParams,
  create(params: DataStaleParams, room: RoomStats) {
    let pending: 'silent' | 'frozen' = 'silent';
    let frozen: number = S.viewers;
    const frozenMs = params.frozenSec * 1000;
    return {
      check(now) {
        const last = room.lastSampleTs;
        if (!Number.isNaN(last) && now - last >= params.noSampleSec * 1000) {
          pending = 'silent';
          return FIRE;
        }
        for (let w = 0; w < WATCHED.length; w++) {
          const series = WATCHED[w]!;
          if (
            room.changeCount[series]! < params.minChanges ||
            !(now - room.lastChangeTs[series]! >= frozenMs)
          )
            continue;
          let movers = 0;
          for (let m = 0; m < METRIC_IDS.length; m++) {
            if (m !== series && now - room.lastChangeTs[m]! < frozenMs) movers++;
          }
          if (movers >= params.minMovers) {
            pending = 'frozen';
            frozen = series;
            return FIRE;
          }
        }
        return CLEAR;
      },
      propose(now): Proposal {
        if (pending === 'silent') {
          const ageSec = round((now - room.lastSampleTs) / 1000);
          return {
            title: 'cue.data-stale.titleSilent',
            detail: 'cue.data-stale.detailSilent',
            params: { ageSec },
            evidence: [{ metric: 'sampleAgeSec', from: 0, to: ageSec, windowSec: ageSec }],
          };
        }
        const metric = METRIC_IDS[frozen]!;
        const sinceSec = round((now - room.lastChangeTs[frozen]!) / 1000);
        const value = room.last[frozen]!;
        return {
          title: 'cue.data-stale.titleFrozen',
          detail: 'cue.data-stale.detailFrozen',
          params: { metric, sinceSec },
          evidence: [
            {
              metric,
              from: !Number.isNaN(value) ? value : 0,
              to: !Number.isNaN(value) ? value : 0,
              windowSec: sinceSec,
            },
          ],
        };
      },
    };
  },
});
