import { afterEach } from 'vitest';
import type { Cue } from '../../lib/core/engine/types';
import { LivecueDb } from '../../lib/store/database';
import type { SessionRow } from '../../lib/store/rows';

// Rows for tests of what waits for the operator: sessions with a clock offset and cues in any state.

export const T = 1_800_000_000_000;

let dbCount = 0;
export function freshLiveCueDb(): LivecueDb {
  return new LivecueDb(`livecue-open-cues-${Date.now()}-${dbCount++}`);
}

/** For a test file's top level: a maker of fresh databases, each deleted after the test that made it. */
export function freshDbsDeletedAfterEach(): () => LivecueDb {
  const dbs: LivecueDb[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.delete();
  });
  return () => {
    const made = freshLiveCueDb();
    dbs.push(made);
    return made;
  };
}

export function liveSession(id: string, extra: Partial<SessionRow> = {}): SessionRow {
  return {
    id,
    site: 'douyin',
    roomKey: id,
    title: `直播间 ${id}`,
    startedAt: T - 3_600_000,
    lastSampleAt: T,
    clockOffsetMs: 0,
    ruleSettings: {},
    peakViewers: null,
    gmv: null,
    cuesFired: 0,
    cuesActed: 0,
    ...extra,
  };
}

export function liveCue(sessionId: string, ruleId: Cue['ruleId'], extra: Partial<Cue> = {}): Cue {
  const firedAt = extra.firedAt ?? T - 5000;
  return {
    id: `${sessionId}:${ruleId}:${firedAt}`,
    sessionId,
    ruleId,
    firedAt,
    severity: 'act',
    title: `cue.${ruleId}.title`,
    detail: `cue.${ruleId}.detail`,
    params: {},
    evidence: [],
    expiresAt: firedAt + 120_000,
    status: 'active',
    ...extra,
  };
}
