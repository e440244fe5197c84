import { builtOnFirstUse } from '../../builtOnFirstUse';
import { METRIC_IDS } from '../../metrics/metricCatalog';
import { z } from '../../zodMini';
import { type RoomStats, S, type StaleKind } from '../roomStats';
import {
  CLEAR,
  commonFields,
  defineRule,
  FIRE,
  field,
  intIn,
  type Proposal,
  REARM,
  round,
} from '../ruleDefinition';
import type { Evidence } from '../types';
import { DATA_STALE_DEFAULTS } from './dataStaleThresholds';

// Says plainly that the numbers stopped being live, and which way: no samples at all (the page is gone),
// samples but nothing changes (the page froze), or one number stuck or unreadable while others move (the
// reader lost it). The judging is the engine's (lib/core/engine/staleness.ts, with these parameters):
// while it holds, every other rule that reads the stale numbers waits. A worse state cues again, and the
// cue goes away once the numbers are live again.

export const dataStaleParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 120, ttlSec: 300 }),
    noSampleSec: field(intIn(10, 3600), DATA_STALE_DEFAULTS.noSampleSec),
    minStuckSec: field(intIn(10, 3600), DATA_STALE_DEFAULTS.minStuckSec),
    minChanges: field(intIn(2, 10000), DATA_STALE_DEFAULTS.minChanges),
    minMovers: field(intIn(1, 11), DATA_STALE_DEFAULTS.minMovers),
  }),
);
export type DataStaleParams = z.infer<ReturnType<typeof dataStaleParams>>;

const RANK: Record<StaleKind, number> = { fresh: 0, stuck: 1, lost: 1, frozen: 2, silent: 3 };

/** Up to three numbers the page showed, as they stood when it froze: what the operator can check. */
function frozenEvidence(room: RoomStats, sinceSec: number): Evidence[] {
  const evidence: Evidence[] = [];
  for (const series of [S.viewers, S.gmv, S.orders, S.entries, S.likes, S.comments]) {
    const value = room.last[series]!;
    if (Number.isNaN(value) || evidence.length >= 3) continue;
    evidence.push({ metric: METRIC_IDS[series]!, from: value, to: value, windowSec: sinceSec });
  }
  return evidence;
}

export const dataStale = defineRule({
  id: 'data-stale',
  severity: 'urgent',
  priority: 110,
  onTick: true,
  reads: [],
  watchesStaleness: true,
  resolvesOnClear: true,
  paramsSchema: dataStaleParams,
  create(_params: DataStaleParams, room: RoomStats) {
    let cued: StaleKind = 'fresh';
    return {
      check() {
        const kind = room.staleKind;
        if (kind === 'fresh') {
          cued = 'fresh';
          return CLEAR;
        }
        // Worse than what was cued (a stuck tile, then the whole page): re-arm so the new state is said.
        if (cued !== 'fresh' && RANK[kind] > RANK[cued]) {
          cued = 'fresh';
          return REARM;
        }
        return FIRE;
      },
      propose(now): Proposal {
        const kind = room.staleKind;
        const sinceSec = round((now - room.staleSince) / 1000);
        if (kind === 'silent') {
          return {
            title: 'cue.data-stale.titleSilent',
            detail: 'cue.data-stale.detailSilent',
            params: { ageSec: sinceSec },
            evidence: [{ metric: 'sampleAgeSec', from: 0, to: sinceSec, windowSec: sinceSec }],
          };
        }
        if (kind === 'frozen') {
          return {
            title: 'cue.data-stale.titlePage',
            detail: 'cue.data-stale.detailPage',
            params: { sinceSec },
            evidence: frozenEvidence(room, sinceSec),
          };
        }
        const series = room.staleSeries;
        const metric = METRIC_IDS[series]!;
        const lost = kind === 'lost';
        // An unreadable number is quoted as it last read.
        const value = lost
          ? room.valueAgo(series, room.sec - Math.floor((room.lastSeenTs[series]! - room.startedAt) / 1000))
          : room.last[series]!;
        const shown = Number.isNaN(value) ? 0 : round(value, 4);
        return {
          title: lost ? 'cue.data-stale.titleLost' : 'cue.data-stale.titleFrozen',
          detail: lost ? 'cue.data-stale.detailLost' : 'cue.data-stale.detailFrozen',
          params: { metric, sinceSec },
          evidence: [{ metric, from: shown, to: shown, windowSec: sinceSec }],
        };
      },
      fired() {
        cued = room.staleKind;
      },
    };
  },
});
