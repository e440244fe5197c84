import type { Dexie, Transaction } from 'dexie';
import { foldByProduct } from './productLatest';
import type { ProductSnapshotRow } from './productRows';

// Every schema version of the `livecue` database, oldest first. A new version is appended here (never
// edited in place) with an upgrade that brings the previous version's rows forward, and a test in
// test/unit/store/ that opens data written by the previous version.

export interface DbVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** v1: the tables and their indexes. Sessions held no running summary yet. */
const V1_STORES = {
  sessions: 'id, startedAt, lastSampleAt, [site+roomKey]',
  samples: '[sessionId+ts]',
  cues: 'id, sessionId, [sessionId+firedAt], status',
  actions: 'id, [sessionId+ts]',
  settings: 'key',
};

/**
 * v2: sessions carry a running summary (peak viewers, GMV, cues fired / acted on) so the sessions page can
 * list hundreds of sessions without reading their samples. The upgrade fills it from the stored rows.
 */
const V2_STORES = { ...V1_STORES };

interface SummaryFields {
  peakViewers: number | null;
  gmv: number | null;
  cuesFired: number;
  cuesActed: number;
}

async function fillSessionSummaries(tx: Transaction): Promise<void> {
  const sessions = tx.table('sessions');
  const samples = tx.table('samples');
  const cues = tx.table('cues');
  const ids = (await sessions.toCollection().primaryKeys()) as string[];
  for (const id of ids) {
    const summary: SummaryFields = { peakViewers: null, gmv: null, cuesFired: 0, cuesActed: 0 };
    // Samples come in ts order, so the last non-null GMV (a counter) is the session's total.
    await samples
      .where('[sessionId+ts]')
      .between([id, -Infinity], [id, Infinity])
      .each((sample: { metrics?: Record<string, number | null | undefined> }) => {
        const viewers = sample.metrics?.viewers;
        if (typeof viewers === 'number' && (summary.peakViewers === null || viewers > summary.peakViewers)) {
          summary.peakViewers = viewers;
        }
        const gmv = sample.metrics?.gmv;
        if (typeof gmv === 'number') summary.gmv = gmv;
      });
    await cues
      .where('sessionId')
      .equals(id)
      .each((cue: { status?: string }) => {
        summary.cuesFired += 1;
        if (cue.status === 'done') summary.cuesActed += 1;
      });
    await sessions.update(id, { ...summary });
  }
}

/**
 * v3: the room's comment stream, one row per comment keyed by its session and time (DESIGN.md §5), and a
 * comment count in each session's summary. Sessions stored before had no comments: their count is 0.
 */
const V3_STORES = { ...V2_STORES, comments: '[sessionId+ts]' };

async function zeroCommentCounts(tx: Transaction): Promise<void> {
  await tx
    .table('sessions')
    .toCollection()
    .modify((session: { commentCount?: number }) => {
      session.commentCount ??= 0;
    });
}

/**
 * v4: a read-optimised copy of ended sessions' samples (sampleBlocks, lib/store/sampleBlocks.ts) and what
 * each copy covers (samplePacks). `samples` is unchanged and stays the source of truth; the background
 * packs ended sessions after the upgrade, so the upgrade itself moves nothing.
 */
const V4_STORES = { ...V3_STORES, sampleBlocks: '[sessionId+ts]', samplePacks: 'sessionId' };

/**
 * v5: the room's product list (issue 17): each product's values filed when they change, keyed by session,
 * product id and time (a product's history is one key range; `[sessionId+ts]` gives the session in time
 * order for a refold), and the pinned / explained product as it changed. Sessions stored before had no
 * product list: the upgrade moves nothing.
 */
const V5_STORES = {
  ...V4_STORES,
  productSnapshots: '[sessionId+productId+ts], [sessionId+ts]',
  productPins: '[sessionId+ts]',
};

/**
 * v6: each product's latest values per session (productLatest, lib/store/productLatest.ts), kept beside its
 * snapshots: a worker restarted late in a long evening files against ~30 rows instead of reading ~200k
 * snapshots first. The upgrade folds every stored session's snapshots into them.
 */
const V6_STORES = { ...V5_STORES, productLatest: '[sessionId+productId]' };

async function fillProductLatest(tx: Transaction): Promise<void> {
  const snapshots = (await tx.table('productSnapshots').toArray()) as ProductSnapshotRow[];
  await tx.table('productLatest').bulkPut(foldByProduct(snapshots));
}

/**
 * v7: a read-optimised copy of each session's older product snapshots (productBlocks, lib/store/productBlocks.ts)
 * and what each session's copy covers (productPacks). `productSnapshots` is unchanged and stays the source of
 * truth; the background packs sessions after the upgrade as it does live ones, so the upgrade moves nothing.
 */
const V7_STORES = { ...V6_STORES, productBlocks: '[sessionId+ts]', productPacks: 'sessionId' };

export const DB_VERSIONS: readonly DbVersion[] = [
  { version: 1, stores: V1_STORES },
  { version: 2, stores: V2_STORES, upgrade: fillSessionSummaries },
  { version: 3, stores: V3_STORES, upgrade: zeroCommentCounts },
  { version: 4, stores: V4_STORES },
  { version: 5, stores: V5_STORES },
  { version: 6, stores: V6_STORES, upgrade: fillProductLatest },
  { version: 7, stores: V7_STORES },
];

export const LATEST_DB_VERSION = DB_VERSIONS[DB_VERSIONS.length - 1]!.version;

/**
 * Declares version `upTo` on a Dexie instance, with every older version that carries an upgrade (tests declare
 * an old version to write old data). Dexie (3+) upgrades from the schema a database actually has, so a
 * version with no upgrade (v1, v4) needs no declaration once a newer one exists; each declaration re-reads
 * all declared before it, and the worker declares at every start.
 */
export function declareVersions(db: Dexie, upTo = LATEST_DB_VERSION): void {
  for (const step of DB_VERSIONS) {
    if (step.version > upTo) break;
    if (!step.upgrade && step.version !== upTo) continue;
    const declared = db.version(step.version).stores(step.stores);
    if (step.upgrade) declared.upgrade(step.upgrade);
  }
}
