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
import { PACK_HOLD_MS } from './productPacking';

// Packs sessions' samples into blocks (lib/store/sampleBlocks.ts): each ended session whole, so exports read
// it many times faster, and each live session's older samples as the live goes on, so a worker restarted
// late in a long evening reads ~50 blocks instead of ~30k rows before its first fold. Runs in the
// background; each step's blocks and pack record are written in one transaction, so a worker stopped
// halfway leaves a whole pack or none.

/**
 * Ended sessions with no pack yet, oldest first; sessions left flat by a packer that could not carry a row's
 * `src` (every reading has named its sender since issue 18); and sessions that took samples after they were
 * packed (the live went on after its end): packed once more, and so are those packed live (up to a time). An
 * import that adds samples drops the pack.
 */
export async function sessionsToPack(db: LivecueDb): Promise<SessionRow[]> {
  const ended = await db.sessions.filter((session) => session.endedAt !== undefined).toArray();
  const packs = await db.samplePacks.bulkGet(ended.map((session) => session.id));
  const due = (session: SessionRow, pack: SamplePackRow | undefined) =>
    !pack ||
    pack.lastTs !== undefined ||
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

/**
 * Packs a live session's samples dated before `before` into whole blocks, after those packed already, at most
 * `maxBlocks` of them; a last partial block waits for more rows. A session with no pack record (never packed,
 * or its writers dropped it: packGuard.ts) or a pack missing a block is packed from its start, its old blocks
 * cleared first; one with a row a block cannot give back exactly is left flat. Returns the samples packed.
 */
export function packLiveSamples(
  db: LivecueDb,
  sessionId: string,
  before: number,
  now: number,
  maxBlocks = 20,
): Promise<number> {
  const [lower, upper] = sessionRange(sessionId);
  return db.transaction('rw', [db.samples, db.sampleBlocks, db.samplePacks], async () => {
    const held = await db.samplePacks.get(sessionId);
    // A flat one stays flat; an ended session's whole pack (no lastTs) is the ended packer's.
    if (held && (held.flat || held.lastTs === undefined)) return 0;
    const blocks = db.sampleBlocks.where('[sessionId+ts]').between(lower, upper);
    const empty: SamplePackRow = { sessionId, count: 0, blocks: 0, packedAt: now, withSrc: true };
    let pack: SamplePackRow =
      held && (await blocks.count()) === held.blocks ? held : { ...empty, lastTs: Number.NEGATIVE_INFINITY };
    if (pack.blocks === 0) await blocks.delete();
    let packed = 0;
    for (let n = 0; n < maxBlocks; n++) {
      const rows = await db.samples
        .where('[sessionId+ts]')
        .between([sessionId, pack.lastTs], [sessionId, before], false, false)
        .limit(BLOCK_SIZE)
        .toArray();
      if (rows.length < BLOCK_SIZE) break;
      if (!rows.every(isPackable)) {
        await blocks.delete();
        await db.samplePacks.put({ ...empty, flat: true });
        return packed;
      }
      await db.sampleBlocks.put(packBlock(rows));
      pack = {
        ...pack,
        count: pack.count + rows.length,
        blocks: pack.blocks + 1,
        packedAt: now,
        lastTs: rows[rows.length - 1]!.ts,
      };
      packed += rows.length;
    }
    if (packed > 0) await db.samplePacks.put(pack);
    return packed;
  });
}

/** One alarm's packing of live sessions' samples: each up to its last minutes, a bounded batch in all. */
export async function packLiveSessions(db: LivecueDb, now: number, maxBlocks = 40): Promise<number> {
  const live = await db.sessions.filter((session) => session.endedAt === undefined).toArray();
  let packed = 0;
  for (const session of live) {
    if (packed >= maxBlocks * BLOCK_SIZE) break;
    const left = maxBlocks - Math.floor(packed / BLOCK_SIZE);
    // As the product snapshots: the last minutes stay rows (PACK_HOLD_MS).
    packed += await packLiveSamples(db, session.id, session.lastSampleAt - PACK_HOLD_MS, now, left);
  }
  return packed;
}
