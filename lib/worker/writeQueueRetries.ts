import type { WriteStatus } from '../core/messages/statusAnswer';
import { describeWriteError } from './writeQueueDisk';

// Which sessions' writes are failing, since when, and when each retries: the first retry after `baseMs`,
// doubling up to `maxMs`. What the write queue reports as its status comes from here. No timers.

interface Failing {
  failures: number;
  retryAt: number;
  error: string;
}

export class RetryBackoff {
  private readonly failing = new Map<string, Failing>();

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  /** Notes a failed write of the session at `wall`; returns when it retries. */
  failed(sessionId: string, error: unknown, wall: number): number {
    const failures = (this.failing.get(sessionId)?.failures ?? 0) + 1;
    const retryAt = wall + Math.min(this.maxMs, this.baseMs * 2 ** (failures - 1));
    this.failing.set(sessionId, { failures, retryAt, error: describeWriteError(error) });
    return retryAt;
  }

  /** The session's rows landed, or were discarded. */
  clear(sessionId: string): void {
    this.failing.delete(sessionId);
  }

  isFailing(sessionId: string): boolean {
    return this.failing.has(sessionId);
  }

  /** When the session may be written next (0: now, it is not failing). */
  retryAt(sessionId: string): number {
    return this.failing.get(sessionId)?.retryAt ?? 0;
  }

  /** The earliest retry of any failing session (Infinity: none). */
  nextRetry(): number {
    return Math.min(...[...this.failing.values()].map((f) => f.retryAt));
  }

  /** The status after `previous`: failing keeps its `since` while any session still fails. */
  status(previous: WriteStatus, pending: number, now: number): WriteStatus {
    if (this.failing.size === 0) return { state: 'ok' };
    const first = [...this.failing.values()][0]!;
    return {
      state: 'failing',
      error: first.error,
      pending,
      since: previous.state === 'failing' ? previous.since : now,
      sessions: [...this.failing.keys()],
    };
  }
}
