import type { WriteStatus } from '../core/messages/statusAnswer';
import type { LivecueDb } from '../store/database';
import type { ProductPinRow, ProductSnapshotRow } from '../store/productRows';
import type { ActionRow, CommentRow, CueRow, SampleRow, SessionRow } from '../store/rows';

// Batched writes from the background, kept per session. Normally everything pending goes in one
// transaction; when that fails, each session is written in its own, so one session's failing rows (a quota
// error, a row the disk refuses) never hold back another's. A failed session keeps its rows in memory and
// retries with backoff: nothing is dropped. Rows are kept by their keys (samples and comments by [sessionId+ts],
// cues and actions by id), so a resent or refolded row replaces its twin and a retry writes the same thing.
// The background acknowledges samples only once their enqueue resolved (durable).

export type { WriteStatus };

export interface WriteBatch {
  samples?: readonly SampleRow[];
  comments?: readonly CommentRow[];
  cues?: readonly CueRow[];
  actions?: readonly ActionRow[];
  /** A sample's product table as filed (changed values), and pin changes: written with the sample. */
  productSnapshots?: readonly ProductSnapshotRow[];
  productPins?: readonly ProductPinRow[];
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
  };
  status(): WriteStatus;
  /** Rows waiting in memory. */
  pending(): number;
  /** Stops timers; rows still pending stay in memory and are reported by pending(). */
  stop(): void;
}

/** Tables of rows that belong to one session, and each row's key within its session. */
const ROW_TABLES = {
  samples: (row: SampleRow) => String(row.ts),
  comments: (row: CommentRow) => String(row.ts),
  cues: (row: CueRow) => row.id,
  actions: (row: ActionRow) => row.id,
  productSnapshots: (row: ProductSnapshotRow) => `${row.productId}\u0000${row.ts}`,
  productPins: (row: ProductPinRow) => String(row.ts),
} as const;
type RowTable = keyof typeof ROW_TABLES;
const ROW_TABLE_NAMES = Object.keys(ROW_TABLES) as RowTable[];
type RowOf<T extends RowTable> = Parameters<(typeof ROW_TABLES)[T]>[0];

interface Waiter {
  remaining: number;
  resolve: () => void;
}

/** Everything queued for one session. */
interface Group {
  sessionId: string;
  rows: { [T in RowTable]: Map<string, RowOf<T>> };
  row?: SessionRow;
  changes: Partial<SessionRow>;
  hasChanges: boolean;
  waiters: Set<Waiter>;
  /** Set when its session was discarded while the group was being written. */
  discarded?: boolean;
}

interface Failing {
  failures: number;
  retryAt: number;
  error: string;
}

const newGroup = (sessionId: string): Group => ({
  sessionId,
  rows: {
    samples: new Map(),
    comments: new Map(),
    cues: new Map(),
    actions: new Map(),
    productSnapshots: new Map(),
    productPins: new Map(),
  },
  changes: {},
  hasChanges: false,
  waiters: new Set(),
});

const rowCount = (group: Group) =>
  ROW_TABLE_NAMES.reduce((sum, table) => sum + group.rows[table].size, 0) +
  (group.row || group.hasChanges ? 1 : 0);

function describeError(error: unknown): string {
  if (error instanceof Error) {
    // Dexie wraps the cause (e.g. QuotaExceededError inside an AbortError); the inner name says most.
    const inner = (error as { inner?: unknown }).inner;
    const innerText = inner instanceof Error ? ` (${inner.name}: ${inner.message})` : '';
    return `${error.name}: ${error.message}${innerText}`;
  }
  return String(error);
}

async function writeGroups(db: LivecueDb, groups: readonly Group[]): Promise<void> {
  await db.transaction('rw', [db.sessions, ...ROW_TABLE_NAMES.map((table) => db[table])], async () => {
    const whole = groups.flatMap((g) => (g.row ? [{ ...g.row, ...g.changes }] : []));
    if (whole.length) await db.sessions.bulkPut(whole);
    for (const group of groups) {
      if (!group.row && group.hasChanges) await db.sessions.update(group.sessionId, group.changes);
    }
    for (const table of ROW_TABLE_NAMES) {
      const rows = groups.flatMap((g) => [...g.rows[table].values()]);
      if (rows.length) await (db[table] as { bulkPut(rows: unknown[]): Promise<unknown> }).bulkPut(rows);
    }
  });
}

/** Puts a failed group back under what arrived for its session since: newer rows and whole rows win. */
function mergeBack(failed: Group, newer: Group | undefined): Group {
  if (!newer) return failed;
  for (const table of ROW_TABLE_NAMES) {
    const into = newer.rows[table] as Map<string, unknown>;
    for (const [key, row] of failed.rows[table]) if (!into.has(key)) into.set(key, row);
  }
  if (!newer.row) {
    newer.row = failed.row;
    newer.changes = { ...failed.changes, ...newer.changes };
    newer.hasChanges ||= failed.hasChanges;
  }
  for (const waiter of failed.waiters) newer.waiters.add(waiter);
  return newer;
}

export function createWriteQueue(db: LivecueDb, options: WriteQueueOptions = {}): WriteQueue {
  const batchDelayMs = options.batchDelayMs ?? 0;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const now = options.now ?? Date.now;

  const pending = new Map<string, Group>();
  let inFlight: Group[] = [];
  let settled: Promise<void> = Promise.resolve();
  const failing = new Map<string, Failing>();
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
    let next: WriteStatus = { state: 'ok' };
    if (failing.size) {
      const first = [...failing.values()][0]!;
      next = {
        state: 'failing',
        error: first.error,
        pending: countPending(),
        since: current.state === 'failing' ? current.since : now(),
        sessions: [...failing.keys()],
      };
    }
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
    failing.delete(group.sessionId);
    for (const waiter of group.waiters) {
      waiter.remaining -= 1;
      if (waiter.remaining === 0) waiter.resolve();
    }
  };

  const fail = (group: Group, error: unknown) => {
    const before = failing.get(group.sessionId);
    const failures = (before?.failures ?? 0) + 1;
    failing.set(group.sessionId, {
      failures,
      retryAt: Date.now() + Math.min(maxBackoffMs, retryBaseMs * 2 ** (failures - 1)),
      error: describeError(error),
    });
    if (group.discarded) {
      failing.delete(group.sessionId);
      return commit(group);
    }
    pending.set(group.sessionId, mergeBack(group, pending.get(group.sessionId)));
  };

  async function runFlush(): Promise<void> {
    if (inFlight.length) return;
    const wall = Date.now();
    const due = [...pending.values()].filter((g) => (failing.get(g.sessionId)?.retryAt ?? 0) <= wall);
    if (due.length === 0) {
      const next = Math.min(...[...failing.values()].map((f) => f.retryAt));
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
      const healthy = due.filter((g) => !failing.has(g.sessionId));
      const retrying = due.filter((g) => failing.has(g.sessionId));
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
      const next = Math.min(
        ...[...pending.values()].map((g) => failing.get(g.sessionId)?.retryAt ?? wallNow),
      );
      schedule(Math.max(0, next - wallNow));
    }
  }

  /** A promise that resolves once each of `groups` is written (or discarded). */
  const waitFor = (groups: Iterable<Group>): Promise<void> => {
    const list = [...new Set(groups)];
    if (list.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const waiter: Waiter = { remaining: list.length, resolve };
      for (const group of list) group.waiters.add(waiter);
    });
  };

  return {
    enqueue(batch) {
      const touched = new Set<Group>();
      const add = <T extends RowTable>(table: T, rows: readonly RowOf<T>[] | undefined) => {
        for (const row of rows ?? []) {
          const group = groupOf(row.sessionId);
          (group.rows[table] as Map<string, RowOf<T>>).set(
            (ROW_TABLES[table] as (r: RowOf<T>) => string)(row),
            row,
          );
          touched.add(group);
        }
      };
      for (const row of batch.sessions ?? []) {
        const group = groupOf(row.id);
        // A whole row replaces what came before it, including earlier field updates.
        group.row = row;
        group.changes = {};
        group.hasChanges = false;
        touched.add(group);
      }
      for (const { id, changes } of batch.sessionChanges ?? []) {
        const group = groupOf(id);
        group.changes = { ...group.changes, ...changes };
        group.hasChanges = true;
        touched.add(group);
      }
      add('samples', batch.samples);
      add('comments', batch.comments);
      add('cues', batch.cues);
      add('actions', batch.actions);
      add('productSnapshots', batch.productSnapshots);
      add('productPins', batch.productPins);
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
        failing.delete(id);
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
        comments: groups.flatMap((g) => [...g!.rows.comments.values()]),
        productSnapshots: groups.flatMap((g) => [...g!.rows.productSnapshots.values()]),
        productPins: groups.flatMap((g) => [...g!.rows.productPins.values()]),
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
