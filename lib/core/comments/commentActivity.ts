import { TimedKeys } from './timedKeys';

// How lively the comment stream is: comments and distinct commenters in the last window, per minute. Fed
// every comment (chatter included) with its time; reads time only from its inputs, like the engine it
// feeds (`engagement-low` when the dashboard shows no comment count). O(1) amortised per comment, memory
// bounded by `capacity` comments in the window.

export interface CommentActivityOptions {
  windowSec?: number;
  /** When the session started: until a whole window has passed, `coveredSec` says how much of it has data. */
  startedAt?: number;
  /** Most comments kept in the window (beyond it the oldest are forgotten early). */
  capacity?: number;
}

export interface ActivityReading {
  windowSec: number;
  /** Seconds of the window the stream has been watched for (≤ windowSec). */
  coveredSec: number;
  comments: number;
  commenters: number;
  /** Per minute over the covered part of the window; 0 while nothing is covered. */
  commentsPerMin: number;
  commentersPerMin: number;
}

export const DEFAULT_ACTIVITY_WINDOW_SEC = 60;

/** A viewer's identity in the stream: the shown name, or for a row without one, what it said. */
export const commenterKey = (user: string, text: string): string => {
  const name = user.trim().toLowerCase();
  return name ? `u:${name}` : `t:${text.trim().toLowerCase()}`;
};

export class CommentActivity {
  readonly windowMs: number;
  private readonly comments: TimedKeys;
  private startedAt: number | undefined;
  private latest = Number.NEGATIVE_INFINITY;

  constructor(options: CommentActivityOptions = {}) {
    this.windowMs = (options.windowSec ?? DEFAULT_ACTIVITY_WINDOW_SEC) * 1000;
    this.comments = new TimedKeys(options.capacity ?? 50_000);
    this.startedAt = options.startedAt;
  }

  add(ts: number, user: string, text: string): void {
    const at = this.clock(ts);
    this.startedAt ??= at;
    this.comments.add(at, commenterKey(user, text));
  }

  /** The stream as of `now` (epoch ms). */
  at(now: number): ActivityReading {
    const at = Math.max(now, this.latest);
    this.comments.expire(at - this.windowMs);
    const windowSec = this.windowMs / 1000;
    const coveredSec =
      this.startedAt === undefined ? 0 : Math.max(0, Math.min(windowSec, (at - this.startedAt) / 1000));
    const comments = this.comments.length;
    const commenters = this.comments.distinct;
    const perMin = (count: number) => (coveredSec > 0 ? (count * 60) / coveredSec : 0);
    return {
      windowSec,
      coveredSec,
      comments,
      commenters,
      commentsPerMin: perMin(comments),
      commentersPerMin: perMin(commenters),
    };
  }

  /**
   * Times only move forward: a comment stamped a little earlier than the last one counts at the last one's
   * time; a jump back by more than a window (the page's clock was reset) starts the window afresh.
   */
  private clock(ts: number): number {
    if (ts < this.latest - this.windowMs) {
      this.comments.clear();
      this.startedAt = ts;
    } else if (ts < this.latest) {
      return this.latest;
    }
    this.latest = ts;
    return ts;
  }
}
