import { Dexie } from 'dexie';
import { LivecueDb } from '../../lib/store/database';
import type { ActionRow, CommentRow, CueRow, SampleRow, SessionRow } from '../../lib/store/rows';
import { afterEachTest } from '../setup/testCleanups';

// Sessions as the background stores them, for the export, import and retention tests.

let dbCount = 0;
const opened: LivecueDb[] = [];
export function freshDb(): LivecueDb {
  const db = new LivecueDb(`livecue-history-${Date.now()}-${dbCount++}`);
  opened.push(db);
  return db;
}
afterEachTest(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

export const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

export function sessionRow(roomKey: string, startedAt: number, extra: Partial<SessionRow> = {}): SessionRow {
  return {
    id: `douyin:${roomKey}:${startedAt}`,
    site: 'douyin',
    roomKey,
    title: '羊绒围巾专场',
    startedAt,
    lastSampleAt: startedAt,
    ruleSettings: { 'traffic-drop': { dropPct: 30 } },
    peakViewers: null,
    gmv: null,
    cuesFired: 0,
    cuesActed: 0,
    ...extra,
  };
}

/** One sample a second: viewers around 1000, every counter growing steadily. */
export function samplesFor(sessionId: string, startedAt: number, count: number): SampleRow[] {
  return Array.from({ length: count }, (_, i) => ({
    sessionId,
    ts: startedAt + i * 1000,
    metrics: {
      viewers: 1000 + (i % 7),
      entries: 100 + i,
      views: 200 + 2 * i,
      gmv: 50 * i,
      orders: i,
      buyers: Math.floor(i / 2),
      conversionRate: 0.05,
    },
    product: { id: 'p1', name: '羊绒围巾, 灰色 "经典款"', price: 199 },
    health: { parsed: ['viewers', 'gmv'], failed: [], missing: ['likes'] },
  }));
}

const COMMENT_TEXTS: [string, string, CommentRow['topics']][] = [
  ['小王', '多大码', ['size']],
  ['Ann', 'how much?', ['price']],
  ['小李', '好看', []],
  ['=cmd', '=HYPERLINK("http://x")', []],
  ['小张', '几号链接\n在哪拍', ['link']],
];

/** A comment every three seconds, from half a second after the start, for as long as the samples run. */
export function commentsFor(sessionId: string, startedAt: number, sampleCount: number): CommentRow[] {
  return Array.from({ length: Math.ceil(sampleCount / 3) }, (_, i) => {
    const [user, text, topics] = COMMENT_TEXTS[i % COMMENT_TEXTS.length]!;
    return { sessionId, ts: startedAt + 500 + i * 3000, user, text, topics };
  });
}

export function cueRow(session: SessionRow, firedAt: number, extra: Partial<CueRow> = {}): CueRow {
  return {
    id: `${session.id}:traffic-drop:${firedAt}`,
    sessionId: session.id,
    ruleId: 'traffic-drop',
    firedAt,
    severity: 'urgent',
    title: 'cue.traffic-drop.title',
    detail: 'cue.traffic-drop.detail',
    params: { dropPct: 42, product: '围巾' },
    evidence: [{ metric: 'viewers', from: 1200, to: 700, windowSec: 60 }],
    countdownSec: 120,
    expiresAt: firedAt + 120_000,
    status: 'done',
    actedAt: firedAt + 5000,
    outcome: { metric: 'viewers', before: 700, after: 910, lift: 0.3 },
    ...extra,
  };
}

export interface SeededSession {
  session: SessionRow;
  samples: SampleRow[];
  comments: CommentRow[];
  actions: ActionRow[];
  cues: CueRow[];
}

export async function seedSession(
  db: LivecueDb,
  roomKey: string,
  startedAt: number,
  sampleCount: number,
): Promise<SeededSession> {
  const base = sessionRow(roomKey, startedAt);
  const samples = samplesFor(base.id, startedAt, sampleCount);
  const comments = commentsFor(base.id, startedAt, sampleCount);
  const session = {
    ...base,
    commentCount: comments.length,
    lastSampleAt: samples.at(-1)?.ts ?? startedAt,
    endedAt: samples.at(-1)?.ts,
    endReason: 'operator' as const,
  };
  const cues = [
    cueRow(session, startedAt + 3000),
    cueRow(session, startedAt + 6000, { status: 'dismissed', outcome: undefined }),
  ];
  const actions: ActionRow[] = [
    {
      id: `${session.id}:a1`,
      sessionId: session.id,
      ts: startedAt + 8000,
      type: 'cue',
      cueId: cues[0]!.id,
      action: 'done',
    },
    { id: `${session.id}:a2`, sessionId: session.id, ts: startedAt + 9000, type: 'tick' },
  ];
  for (const cue of cues) if (cue.outcome === undefined) delete cue.outcome;
  await db.sessions.put(session);
  await db.samples.bulkPut(samples);
  await db.comments.bulkPut(comments);
  await db.cues.bulkPut(cues);
  await db.actions.bulkPut(actions);
  return { session, samples, comments, actions, cues };
}

/** Everything stored, in key order, for comparing two databases. */
export async function dumpDb(db: LivecueDb) {
  return {
    sessions: await db.sessions.toArray(),
    samples: await db.samples.toArray(),
    comments: await db.comments.toArray(),
    actions: await db.actions.toArray(),
    cues: await db.cues.toArray(),
    productSnapshots: await db.productSnapshots.toArray(),
    productPins: await db.productPins.toArray(),
  };
}
