import type { LivecueDb } from '../../store/database';
import type { SessionRow } from '../../store/rows';
import {
  BLOCK_SIZE,
  isPackable,
  packBlock,
  type SampleBlockRow,
  type SamplePackRow,
} from '../../store/sampleBlocks';
import { sessionRange } from '../../store/sessionRange';

// Packs each ended session's samples into blocks (lib/store/sampleBlocks.ts) so exports read them many
// times faster. Runs in the background, a session at a time; each session's blocks and their pack record
// are written in one transaction, so a worker stopped halfway leaves either a whole pack or none.

/**
 * Ended sessions with no pack yet, oldest first; sessions left flat by a packer that could not carry a row's
 * `src` (every reading has named its sender since issue 18); and sessions that took samples after they were
 * packed (the live went on after its end): packed once more. An import that adds samples drops the pack.
 */
export async function sessionsToPack(db: LivecueDb): Promise<SessionRow[]> {
  const ended = await db.sessions.filter((session) => session.endedAt !== undefined).toArray();
  const packs = await db.samplePacks.bulkGet(ended.map((session) => session.id));
  const due = (session: SessionRow, pack: SamplePackRow | undefined) =>
    !pack ||
    (pack.flat && !pack.withSrc) ||
    (pack.lastSampleAt !== undefined && pack.lastSampleAt !== session.lastSampleAt);
  return ended
    .filter((session, index) => due(session, packs[index]))
    .sort((a, b) => a.startedAt - b.startedAt);
}

/** Packs one session's samples; returns its pack record (with `flat` when a row cannot be packed exactly). */
export async function packSession(db: LivecueDb, sessionId: string, now: number): Promise<SamplePackRow> {
  const [lower, upper] = sessionRange(sessionId);
  const blocks: SampleBlockRow[] = [];
  let count = 0;
  let flat = false;
  let from: unknown = lower[1];
  let first = true;
  // A block's worth at a time, so a long session never sits in memory row by row.
  for (;;) {
    const rows = await db.samples
      .where('[sessionId+ts]')
      .between([sessionId, from], upper, first, true)
      .limit(BLOCK_SIZE)
      .toArray();
    if (rows.length === 0) break;
    count += rows.length;
    if (!flat && rows.every(isPackable)) blocks.push(packBlock(rows));
    else flat = true;
    from = rows[rows.length - 1]!.ts;
    first = false;
    if (rows.length < BLOCK_SIZE) break;
  }
  const pack: SamplePackRow = {
    sessionId,
    count,
    blocks: flat ? 0 : blocks.length,
    packedAt: now,
    ...(flat ? { flat: true as const } : {}),
    withSrc: true,
  };
  await db.transaction('rw', [db.sessions, db.samples, db.sampleBlocks, db.samplePacks], async () => {
    // Rows that arrived while packing (an import) make this pack stale: write nothing, pack again later.
    if ((await db.samples.where('[sessionId+ts]').between(lower, upper).count()) !== count) return;
    const session = await db.sessions.get(sessionId);
    if (session) pack.lastSampleAt = session.lastSampleAt;
    await db.sampleBlocks.where('[sessionId+ts]').between(lower, upper).delete();
    if (!flat) await db.sampleBlocks.bulkPut(blocks);
    await db.samplePacks.put(pack);
  });
  return pack;
}

/** Packs ended sessions until about `maxSamples` are packed; returns how many sessions it packed. */
export async function packEndedSessions(db: LivecueDb, now: number, maxSamples = 100_000): Promise<number> {
  let samples = 0;
  let sessions = 0;
  for (const session of await sessionsToPack(db)) {
    if (samples >= maxSamples) break;
    samples += (await packSession(db, session.id, now)).count;
    sessions += 1;
  }
  return sessions;
}
