import type { WriteStatus } from '../core/messages/statusAnswer';
import type { LivecueDb } from '../store/database';
import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from '../store/productRows';
import type { ActionRow, CommentRow, CueRow, SampleRow, SessionRow } from '../store/rows';
import { writeGroups } from './writeQueueDisk';
import {
  addRows,
  addSessionChanges,
  type Group,
  mergeBack,
  newGroup,
  releaseWaiters,
  rowCount,
  setSessionRow,
  waitFor,
} from './writeQueueGroups';
import { RetryBackoff } from './writeQueueRetries';

// Batched writes from the background, kept per session. Normally everything pending goes in one
// transaction; when that fails, each session is written in its own, so one session's failing rows (a quota
// error, a row the disk refuses) never hold back another's. A failed session keeps its rows in memory and
// retries with backoff: nothing is dropped. Rows are kept by their keys (samples and comments by [sessionId+ts],
// cues and actions by id), so a resent or refolded row replaces its twin and a retry writes the same thing.
// The background acknowledges samples only once their enqueue resolved (durable). Its parts: what is held
// per session (writeQueueGroups.ts), the transaction (writeQueueDisk.ts), the backoff (writeQueueRetries.ts);
// this file owns the timers and the order of writes.

export type { WriteStatus };

export interface WriteBatch {
  samples?: readonly SampleRow[];
  comments?: readonly CommentRow[];
  cues?: readonly CueRow[];
  actions?: readonly ActionRow[];
  /** A sample's product table as filed (changed values), and pin changes: written with the sample. */
  productSnapshots?: readonly ProductSnapshotRow[];
  productPins?: readonly ProductPinRow[];
  /** The latest values of the products filed (written with their snapshots, in the same transaction). */
  productLatest?: readonly ProductLatestRow[];
  /** Whole session rows (a new session, an ended one, the running summary). */
  sessions?: readonly SessionRow[];
  /** Field updates of stored sessions; applied after `sessions`. */
  sessionChanges?: readonly { id: string; changes: Partial<SessionRow> }[];
}

export interface WriteQueueOptions {
  /** Rows arriving within this window share one transaction (0: those enqueued in the same task). */
  batchDelayMs?: number;
  /** First retry delay of a failing session; doubles up to maxBackoffMs. */
  retryBaseMs?: number;
  maxBackoffMs?: number;
  onStatus?: (status: WriteStatus) => void;
  /** Told each batch as it is queued (in memory, before it is durable): live pages are pushed from here. */
  onEnqueue?: (batch: WriteBatch) => void;
  /** The clock for `since` in the status (retries run on timers). */
  now?: () => number;
}

export interface WriteQueue {
  /** Resolves once every row of the batch is durable, or its session was discarded (deleted). */
  enqueue(batch: WriteBatch): Promise<void>;
  /** Resolves once everything enqueued so far is durable; waits through retries while writes fail. */
  flush(): Promise<void>;
  /**
   * Forgets the sessions' queued rows (their sessions are being deleted) and resolves once no write of
   * theirs is in flight, so a delete that follows cannot be undone by a late write.
   */
  discard(sessionIds: readonly string[]): Promise<void>;
  /** A session's samples, actions and comments not yet on disk (queued or being written), to fold with what is. */
  held(sessionId: string): {
    samples: SampleRow[];
    actions: ActionRow[];
    comments: CommentRow[];
    productSnapshots: ProductSnapshotRow[];
    productPins: ProductPinRow[];
    productLatest: ProductLatestRow[];
  };
  status(): WriteStatus;
  /** Rows waiting in memory. */
  pending(): number;
  /** Stops timers; rows still pending stay in memory and are reported by pending(). */
  stop(): void;
}

export function createWriteQueue(db: LivecueDb, options: WriteQueueOptions = {}): WriteQueue {
  const batchDelayMs = options.batchDelayMs ?? 0;
  const now = options.now ?? Date.now;
  const backoff = new RetryBackoff(options.retryBaseMs ?? 500, options.maxBackoffMs ?? 30_000);

  const pending = new Map<string, Group>();
  let inFlight: Group[] = [];
  let settled: Promise<void> = Promise.resolve();
  let current: WriteStatus = { state: 'ok' };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerAt = Number.POSITIVE_INFINITY;
  let stopped = false;

  const groupOf = (sessionId: string) => {
    let group = pending.get(sessionId);
    if (!group) {
      group = newGroup(sessionId);
      pending.set(sessionId, group);
    }
    return group;
  };

  const countPending = () =>
    [...pending.values(), ...inFlight].reduce((sum, group) => sum + rowCount(group), 0);

  const updateStatus = () => {
    const next = backoff.status(current, countPending(), now());
    if (next.state === 'ok' && current.state === 'ok') return;
    current = next;
    options.onStatus?.(next);
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    const at = Date.now() + delayMs;
    if (timer !== null && timerAt <= at) return;
    if (timer !== null) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Number.POSITIVE_INFINITY;
      void runFlush();
    }, delayMs);
  };

  const commit = (group: Group) => {
    backoff.clear(group.sessionId);
    releaseWaiters(group);
  };

  const fail = (group: Group, error: unknown) => {
    if (group.discarded) return commit(group);
    backoff.failed(group.sessionId, error, Date.now());
    pending.set(group.sessionId, mergeBack(group, pending.get(group.sessionId)));
  };

  async function runFlush(): Promise<void> {
    if (inFlight.length) return;
    const wall = Date.now();
    const due = [...pending.values()].filter((g) => backoff.retryAt(g.sessionId) <= wall);
    if (due.length === 0) {
      const next = backoff.nextRetry();
      if (pending.size && Number.isFinite(next)) schedule(Math.max(0, next - wall));
      return;
    }
    for (const group of due) pending.delete(group.sessionId);
    inFlight = due;
    let done!: () => void;
    settled = new Promise((resolve) => (done = resolve));
    try {
      // A closed database (the worker's handle was closed, or Dexie closed it after an error) reopens here.
      if (!db.isOpen()) await db.open();
      const healthy = due.filter((g) => !backoff.isFailing(g.sessionId));
      const retrying = due.filter((g) => backoff.isFailing(g.sessionId));
      let alone = retrying;
      if (healthy.length) {
        try {
          await writeGroups(db, healthy);
          for (const group of healthy) commit(group);
        } catch {
          alone = due;
        }
      }
      for (const group of alone) {
        try {
          await writeGroups(db, [group]);
          commit(group);
        } catch (error) {
          fail(group, error);
        }
      }
    } catch (error) {
      for (const group of due) fail(group, error);
    } finally {
      inFlight = [];
      done();
    }
    updateStatus();
    if (pending.size) {
      const wallNow = Date.now();
      const next = Math.min(...[...pending.values()].map((g) => backoff.retryAt(g.sessionId) || wallNow));
      schedule(Math.max(0, next - wallNow));
    }
  }

  return {
    enqueue(batch) {
      options.onEnqueue?.(batch);
      const touched = new Set<Group>();
      for (const row of batch.sessions ?? []) {
        const group = groupOf(row.id);
        setSessionRow(group, row);
        touched.add(group);
      }
      for (const { id, changes } of batch.sessionChanges ?? []) {
        const group = groupOf(id);
        addSessionChanges(group, changes);
        touched.add(group);
      }
      for (const group of [
        ...addRows(groupOf, 'samples', batch.samples),
        ...addRows(groupOf, 'comments', batch.comments),
        ...addRows(groupOf, 'cues', batch.cues),
        ...addRows(groupOf, 'actions', batch.actions),
        ...addRows(groupOf, 'productSnapshots', batch.productSnapshots),
        ...addRows(groupOf, 'productPins', batch.productPins),
        ...addRows(groupOf, 'productLatest', batch.productLatest),
      ])
        touched.add(group);
      const durable = waitFor(touched);
      if (touched.size) schedule(batchDelayMs);
      return durable;
    },
    flush() {
      const all = waitFor([...pending.values(), ...inFlight]);
      if (pending.size) {
        // Sessions not failing are written now; failing ones keep their backoff.
        schedule(0);
      }
      return all;
    },
    async discard(sessionIds) {
      const ids = new Set(sessionIds);
      for (const id of ids) {
        const group = pending.get(id);
        pending.delete(id);
        backoff.clear(id);
        if (group) commit(group);
      }
      const writing = inFlight.filter((g) => ids.has(g.sessionId));
      for (const group of writing) group.discarded = true;
      if (writing.length) await settled;
      updateStatus();
    },
    held(sessionId) {
      const groups = [...inFlight, pending.get(sessionId)].filter((g) => g?.sessionId === sessionId);
      return {
        samples: groups.flatMap((g) => [...g!.rows.samples.values()]),
        actions: groups.flatMap((g) => [...g!.rows.actions.values()]),
        productSnapshots: groups.flatMap((g) => [...g!.rows.productSnapshots.values()]),
        productPins: groups.flatMap((g) => [...g!.rows.productPins.values()]),
        // In write order (in flight, then pending): the newest of a product's rows comes last.
        productLatest: groups.flatMap((g) => [...g!.rows.productLatest.values()]),
        comments: groups.flatMap((g) => [...g!.rows.comments.values()]),
      };
    },
    status: () => current,
    pending: countPending,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
