import type { LivecueDb } from '../store/database';
import type { ActionRow, CueRow, SampleRow, SessionRow } from '../store/rows';

// Batched writes from the background, one transaction per flush. Rows are kept by their keys
// (samples by [sessionId+ts], cues/actions by id), so a resent or refolded row replaces its twin and a
// retried flush writes the same thing again. A failed flush keeps every row in memory and retries with
// backoff: nothing is dropped. The background acknowledges samples to the content script only after
// enqueue resolves (durable): a stopped worker loses its memory, the page's resend buffer does not.

export interface WriteBatch {
  samples?: readonly SampleRow[];
  cues?: readonly CueRow[];
  actions?: readonly ActionRow[];
  /** Whole session rows (a new session, an ended one). */
  sessions?: readonly SessionRow[];
  /** Field updates of stored sessions (the running summary, lastSampleAt); applied after `sessions`. */
  sessionChanges?: readonly { id: string; changes: Partial<SessionRow> }[];
}

export type WriteStatus =
  | { state: 'ok' }
  | { state: 'failing'; error: string; pending: number; since: number };

export interface WriteQueueOptions {
  /** Rows arriving within this window share one transaction (0: those enqueued in the same task). */
  batchDelayMs?: number;
  /** First retry delay after a failure; doubles up to maxBackoffMs. */
  retryBaseMs?: number;
  maxBackoffMs?: number;
  onStatus?: (status: WriteStatus) => void;
  now?: () => number;
}

export interface WriteQueue {
  /** Resolves once every row of the batch is durable (the transaction holding it committed). */
  enqueue(batch: WriteBatch): Promise<void>;
  /** Resolves once everything enqueued so far is durable; waits through retries while writes fail. */
  flush(): Promise<void>;
  status(): WriteStatus;
  /** Rows waiting in memory. */
  pending(): number;
  /** Stops timers; rows still pending stay in memory and are reported by pending(). */
  stop(): void;
}

interface SessionOp {
  row?: SessionRow;
  changes: Partial<SessionRow>;
}

interface Pending {
  samples: Map<string, SampleRow>;
  cues: Map<string, CueRow>;
  actions: Map<string, ActionRow>;
  sessions: Map<string, SessionOp>;
  waiters: (() => void)[];
}

const emptyPending = (): Pending => ({
  samples: new Map(),
  cues: new Map(),
  actions: new Map(),
  sessions: new Map(),
  waiters: [],
});

const sampleKey = (row: SampleRow) => `${row.sessionId}\u0000${row.ts}`;

const countRows = (p: Pending) => p.samples.size + p.cues.size + p.actions.size + p.sessions.size;

function addSessionRow(ops: Map<string, SessionOp>, row: SessionRow): void {
  // A whole row replaces what came before it, including earlier field updates.
  ops.set(row.id, { row, changes: {} });
}

function addSessionChanges(ops: Map<string, SessionOp>, id: string, changes: Partial<SessionRow>): void {
  const op = ops.get(id) ?? { changes: {} };
  op.changes = { ...op.changes, ...changes };
  ops.set(id, op);
}

/** Puts a failed batch back under what arrived since: newer rows win, field updates keep their order. */
function mergeBack(failed: Pending, into: Pending): void {
  for (const [key, row] of failed.samples) if (!into.samples.has(key)) into.samples.set(key, row);
  for (const [key, row] of failed.cues) if (!into.cues.has(key)) into.cues.set(key, row);
  for (const [key, row] of failed.actions) if (!into.actions.has(key)) into.actions.set(key, row);
  for (const [id, older] of failed.sessions) {
    const newer = into.sessions.get(id);
    if (!newer) into.sessions.set(id, older);
    else if (!newer.row)
      into.sessions.set(id, { row: older.row, changes: { ...older.changes, ...newer.changes } });
  }
  into.waiters.unshift(...failed.waiters);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    // Dexie wraps the cause (e.g. QuotaExceededError inside an AbortError); the inner name says most.
    const inner = (error as { inner?: unknown }).inner;
    const innerText = inner instanceof Error ? ` (${inner.name}: ${inner.message})` : '';
    return `${error.name}: ${error.message}${innerText}`;
  }
  return String(error);
}

async function writeBatch(db: LivecueDb, batch: Pending): Promise<void> {
  await db.transaction('rw', [db.sessions, db.samples, db.cues, db.actions], async () => {
    const sessionRows: SessionRow[] = [];
    const sessionUpdates: { id: string; changes: Partial<SessionRow> }[] = [];
    for (const [id, op] of batch.sessions) {
      if (op.row) sessionRows.push({ ...op.row, ...op.changes });
      else sessionUpdates.push({ id, changes: op.changes });
    }
    if (sessionRows.length) await db.sessions.bulkPut(sessionRows);
    for (const { id, changes } of sessionUpdates) await db.sessions.update(id, changes);
    if (batch.samples.size) await db.samples.bulkPut([...batch.samples.values()]);
    if (batch.cues.size) await db.cues.bulkPut([...batch.cues.values()]);
    if (batch.actions.size) await db.actions.bulkPut([...batch.actions.values()]);
  });
}

export function createWriteQueue(db: LivecueDb, options: WriteQueueOptions = {}): WriteQueue {
  const batchDelayMs = options.batchDelayMs ?? 0;
  const retryBaseMs = options.retryBaseMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const now = options.now ?? Date.now;

  let pending = emptyPending();
  let inFlight: Pending | null = null;
  let current: WriteStatus = { state: 'ok' };
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let idleWaiters: (() => void)[] = [];

  const setStatus = (next: WriteStatus) => {
    current = next;
    options.onStatus?.(next);
  };

  const schedule = (delayMs: number) => {
    if (timer !== null || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void runFlush();
    }, delayMs);
  };

  const settleIdle = () => {
    if (inFlight || countRows(pending) > 0) return;
    const waiting = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiting) resolve();
  };

  async function runFlush(): Promise<void> {
    if (inFlight || countRows(pending) === 0) {
      settleIdle();
      return;
    }
    const batch = pending;
    pending = emptyPending();
    inFlight = batch;
    try {
      // A closed database (the worker's handle was closed, or Dexie closed it after an error) reopens here.
      if (!db.isOpen()) await db.open();
      await writeBatch(db, batch);
      inFlight = null;
      failures = 0;
      if (current.state !== 'ok') setStatus({ state: 'ok' });
      for (const resolve of batch.waiters) resolve();
      if (countRows(pending) > 0) schedule(0);
      settleIdle();
    } catch (error) {
      inFlight = null;
      mergeBack(batch, pending);
      failures += 1;
      const since = current.state === 'failing' ? current.since : now();
      setStatus({ state: 'failing', error: describeError(error), pending: countRows(pending), since });
      schedule(Math.min(maxBackoffMs, retryBaseMs * 2 ** (failures - 1)));
    }
  }

  return {
    enqueue(batch) {
      for (const row of batch.samples ?? []) pending.samples.set(sampleKey(row), row);
      for (const row of batch.cues ?? []) pending.cues.set(row.id, row);
      for (const row of batch.actions ?? []) pending.actions.set(row.id, row);
      for (const row of batch.sessions ?? []) addSessionRow(pending.sessions, row);
      for (const { id, changes } of batch.sessionChanges ?? [])
        addSessionChanges(pending.sessions, id, changes);
      const durable = new Promise<void>((resolve) => pending.waiters.push(resolve));
      // While failing, the retry timer is already set and new rows join its attempt.
      schedule(batchDelayMs);
      return durable;
    },
    flush() {
      if (!inFlight && countRows(pending) === 0) return Promise.resolve();
      const idle = new Promise<void>((resolve) => idleWaiters.push(resolve));
      if (current.state === 'ok' && timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
      if (current.state === 'ok') void runFlush();
      return idle;
    },
    status: () => current,
    pending: () => countRows(pending) + (inFlight ? countRows(inFlight) : 0),
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
