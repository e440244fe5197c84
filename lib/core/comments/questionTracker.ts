import { askerKey, byMostAskers } from './askers';
import { type ActivityReading, CommentActivity } from './commentActivity';
import { COMMENT_TOPICS, type CommentTopic } from './commentTopics';
import { EVIDENCE_CHARS, evidenceKey, shortEvidence } from './evidenceText';
import { TimedKeys } from './timedKeys';

// Which questions the room keeps asking: per topic, the distinct viewers who asked it in a sliding window
// (one viewer asking three times counts once), a few of their words, and when the newest ask came. A topic is
// open — a burst worth a cue — when enough distinct viewers asked it: at least `minAskers`, a share of the
// room's commenters, and clearly more than this room usually asks it (its own rate over the windows before),
// so scattered single questions and a busy room's ordinary trickle never are. Marking a topic
// answered restarts its count; ignoring it stops counting it for a while.
//
// Fed every comment with the topics the classifier gave it, in time order; reads time only from its inputs
// (it runs inside the engine's fold). O(1) amortised per comment; memory bounded per topic.

export interface QuestionTrackerOptions {
  /** The sliding window, seconds. */
  windowSec?: number;
  /** Distinct askers in the window for a topic to be open. */
  minAskers?: number;
  /** …and at least this share of the window's distinct commenters (0–1): a big room needs more askers. */
  minShare?: number;
  /** Quotes kept per open topic. */
  maxEvidence?: number;
  evidenceChars?: number;
  /** The session start, for the commenter count of a window not yet full. */
  startedAt?: number;
}

export interface TrackedComment {
  ts: number;
  user: string;
  text: string;
}

export interface TopicQuestions {
  topic: CommentTopic;
  /** Distinct viewers who asked in the window (since it was last answered). */
  askers: number;
  /** A few of their words, newest first, short and never two alike. */
  evidence: string[];
  /** Time of the newest ask (epoch ms). */
  lastAt: number;
  /** Time of the oldest ask still in the window. */
  firstAt: number;
}

export const QUESTION_DEFAULTS = {
  windowSec: 90,
  minAskers: 3,
  minShare: 0.08,
  maxEvidence: 3,
} as const;

/** The newest asks kept per topic for quoting; more than `maxEvidence` so repeats can be skipped. */
const QUOTE_RING = 12;
/** Most asks kept per topic in one window: beyond it the oldest are forgotten early. */
const ASKS_PER_TOPIC = 4096;
/** How many windows before the current one tell what the room usually asks. */
const BASELINE_WINDOWS = 10;
/** A burst stands this many standard deviations (Poisson) above the usual count, plus one. */
const BASELINE_SIGMAS = 4;

interface Quote {
  ts: number;
  asker: string;
  text: string;
}

class TopicTally {
  readonly asks = new TimedKeys(ASKS_PER_TOPIC);
  /** Asks over the baseline span outside bursts: how often the room asks this topic anyway. */
  readonly history = new TimedKeys(ASKS_PER_TOPIC * 4);
  readonly quotes: Quote[] = [];
  lastAt = 0;
  /** Asks at or before this time were answered. */
  answeredAt = Number.NEGATIVE_INFINITY;
  ignoredUntil = Number.NEGATIVE_INFINITY;

  reset(): void {
    this.asks.clear();
    this.quotes.length = 0;
  }
}

export class QuestionTracker {
  private readonly windowMs: number;
  private readonly minAskers: number;
  private readonly minShare: number;
  private readonly maxEvidence: number;
  private readonly evidenceChars: number;
  private readonly topics = new Map<CommentTopic, TopicTally>();
  private readonly activity: CommentActivity;
  private latest = Number.NEGATIVE_INFINITY;
  /** False once a look found no topic at the floor of askers; an ask that reaches it sets it again. */
  private mayBeOpen = false;
  /** When the stream was first watched (the session start, else the first comment). */
  private firstAt: number | undefined;

  constructor(options: QuestionTrackerOptions = {}) {
    const windowSec = options.windowSec ?? QUESTION_DEFAULTS.windowSec;
    this.windowMs = windowSec * 1000;
    this.minAskers = options.minAskers ?? QUESTION_DEFAULTS.minAskers;
    this.minShare = options.minShare ?? QUESTION_DEFAULTS.minShare;
    this.maxEvidence = options.maxEvidence ?? QUESTION_DEFAULTS.maxEvidence;
    this.evidenceChars = options.evidenceChars ?? EVIDENCE_CHARS;
    this.activity = new CommentActivity({ windowSec, startedAt: options.startedAt });
    this.firstAt = options.startedAt;
    for (const topic of COMMENT_TOPICS) this.topics.set(topic, new TopicTally());
  }

  /** One comment (chatter too: it counts towards the room's commenters) and the topics it asks about. */
  add(comment: TrackedComment, topics: readonly CommentTopic[]): void {
    const ts = this.clock(comment.ts);
    this.firstAt ??= ts;
    this.activity.add(ts, comment.user, comment.text);
    if (topics.length === 0) return;
    const asker = askerKey(comment);
    for (const topic of topics) {
      const tally = this.topics.get(topic);
      if (!tally) continue;
      if (ts < tally.ignoredUntil || ts <= tally.answeredAt) continue;
      this.expire(tally, ts);
      // The usual rate is the room's background: an ask that makes or joins a burst is not part of it.
      if (!tally.asks.has(asker) && tally.asks.distinct + 1 < this.needed(tally, ts))
        tally.history.add(ts, asker);
      tally.asks.add(ts, asker);
      if (tally.asks.distinct >= this.minAskers) this.mayBeOpen = true;
      tally.lastAt = ts;
      const quote = { ts, asker, text: comment.text };
      if (tally.quotes.length === QUOTE_RING) tally.quotes.shift();
      tally.quotes.push(quote);
    }
  }

  /** One topic's askers and words as of `now` (counted whether or not it is open). */
  topic(topic: CommentTopic, now: number): TopicQuestions {
    const tally = this.topics.get(topic)!;
    const at = Math.max(now, this.latest);
    this.expire(tally, at);
    return {
      topic,
      askers: tally.asks.distinct,
      evidence: this.evidence(tally, at),
      lastAt: tally.asks.length > 0 ? tally.lastAt : 0,
      firstAt: tally.asks.oldest ?? 0,
    };
  }

  /** The topics asked enough to cue as of `now`, most askers first (ties: newest ask first). */
  open(now: number): TopicQuestions[] {
    // The rule looks on every sample; a room where no topic has the floor of askers is answered at once.
    if (!this.mayBeOpen) return [];
    const at = Math.max(now, this.latest);
    const open: TopicQuestions[] = [];
    let atFloor = false;
    for (const topic of COMMENT_TOPICS) {
      const tally = this.topics.get(topic)!;
      if (now < tally.ignoredUntil) continue;
      this.expire(tally, at);
      if (tally.asks.distinct < this.minAskers) continue;
      atFloor = true;
      if (tally.asks.distinct >= this.needed(tally, at)) open.push(this.topic(topic, now));
    }
    this.mayBeOpen = atFloor;
    return open.sort(byMostAskers);
  }

  /** Comments and commenters per minute over the window (see CommentActivity). */
  activityAt(now: number): ActivityReading {
    return this.activity.at(Math.max(now, this.latest));
  }

  /**
   * The operator answered the topic at `ts`: its count restarts from the asks after it. A time ahead of the
   * newest comment (another clock) counts as the newest comment's time, so no later ask is lost.
   */
  answer(topic: CommentTopic, ts = this.latest): void {
    const tally = this.topics.get(topic);
    if (!tally) return;
    tally.answeredAt = Math.max(tally.answeredAt, Math.min(ts, this.latest));
    tally.reset();
  }

  /** Stops counting a topic until `until` (epoch ms; forever by default); its count restarts then. */
  ignore(topic: CommentTopic, until = Number.POSITIVE_INFINITY): void {
    const tally = this.topics.get(topic);
    if (!tally) return;
    tally.ignoredUntil = until;
    tally.reset();
  }

  unignore(topic: CommentTopic): void {
    const tally = this.topics.get(topic);
    if (tally) tally.ignoredUntil = Number.NEGATIVE_INFINITY;
  }

  private expire(tally: TopicTally, now: number): void {
    tally.asks.expire(now - this.windowMs);
    tally.history.expire(now - this.windowMs * (BASELINE_WINDOWS + 1));
  }

  /** Distinct askers the topic needs at `at` to be a burst: the floor, the room's share, and its usual. */
  private needed(tally: TopicTally, at: number): number {
    const commenters = this.activity.at(at).commenters;
    return Math.max(this.minAskers, Math.ceil(this.minShare * commenters), this.usualNeeded(tally, at));
  }

  /**
   * Askers a burst needs beyond what the room usually asks of this topic: the mean count per window over
   * the windows before the current one, plus four Poisson deviations and one. 0 until a window has passed.
   */
  private usualNeeded(tally: TopicTally, now: number): number {
    const watched = now - (this.firstAt ?? now);
    const pastMs = Math.min(watched, this.windowMs * (BASELINE_WINDOWS + 1)) - this.windowMs;
    if (pastMs < this.windowMs) return 0;
    const past = Math.max(0, tally.history.distinct - tally.asks.distinct);
    const usual = (past * this.windowMs) / pastMs;
    return Math.ceil(usual + BASELINE_SIGMAS * Math.sqrt(usual)) + 1;
  }

  /** Newest first; one quote per asker and per wording; only asks still in the window. */
  private evidence(tally: TopicTally, now: number): string[] {
    const words: string[] = [];
    const askers = new Set<string>();
    const keys = new Set<string>();
    for (let i = tally.quotes.length - 1; i >= 0 && words.length < this.maxEvidence; i--) {
      const quote = tally.quotes[i]!;
      if (quote.ts <= now - this.windowMs) break;
      const key = evidenceKey(quote.text);
      const short = shortEvidence(quote.text, this.evidenceChars);
      // Two wordings cut to the same short text would read as one quote twice.
      if (askers.has(quote.asker) || keys.has(key) || words.includes(short)) continue;
      askers.add(quote.asker);
      keys.add(key);
      words.push(short);
    }
    return words;
  }

  /** Same rule as CommentActivity: a little earlier counts as the last time; a jump back far starts afresh. */
  private clock(ts: number): number {
    if (ts < this.latest - this.windowMs) {
      for (const tally of this.topics.values()) {
        tally.reset();
        tally.history.clear();
        tally.answeredAt = Number.NEGATIVE_INFINITY;
      }
      this.firstAt = ts;
    } else if (ts < this.latest) {
      return this.latest;
    }
    this.latest = ts;
    return ts;
  }
}
