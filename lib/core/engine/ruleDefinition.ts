import type { CommentTopic } from '../comments/commentTopics';
import type { CueMessageKey } from '../i18n/cueMessages';
import { z } from '../zodMini';
import type { RoomStats, SeriesName } from './roomStats';
import type { Cue, CueAction, Evidence, RuleId, Severity } from './types';

// What a rule is: a parameter schema with defaults, and a factory that, given its parameters and the
// room, returns a checker. Arbitration (arbitration.ts) decides whether a proposal becomes a cue.

/** A rule's reading of the room right now. */
export const CLEAR = 0; // the condition has recovered: the rule may re-arm
export const HOLD = 1; // neither firing nor recovered (between the fire and re-arm thresholds)
export const FIRE = 2; // the condition holds: propose a cue
export const REARM = 3; // a new condition replaced the cued one: re-arm without ending the cue on screen
export type RuleLevel = typeof CLEAR | typeof HOLD | typeof FIRE | typeof REARM;

export interface Proposal {
  /** For a keyed rule: what the cue is about (a question topic); cues of one rule with other keys stand. */
  key?: string;
  severity?: Severity;
  /** Keys of lib/core/i18n/cueMessages.ts: a key the catalog lacks fails to compile. */
  title: CueMessageKey;
  detail: CueMessageKey;
  params: Record<string, string | number>;
  evidence: Evidence[];
  countdownSec?: number;
  /** How long the cue stays useful; defaults to the rule's ttlSec. */
  ttlSec?: number;
  /** The series whose lift measures the cue's outcome once it is marked done. */
  outcome?: SeriesName;
}

export interface RuleChecker {
  /** Called on every sample (and on ticks when the rule runs on ticks); must not allocate. */
  check(now: number): RuleLevel;
  /** Called only when arbitration will admit the cue; builds its content. */
  propose(now: number): Proposal;
  /** Called after the cue was created, for the rule's own bookkeeping (e.g. the slot that was cued). */
  fired?(now: number): void;
  /** Every comment of the stream, in order, with what it asks (none: chatter); must be cheap. */
  comment?(comment: { ts: number; user: string; text: string }, topics: readonly CommentTopic[]): void;
  /** The operator acted on one of this rule's cues (done, snooze, dismiss) at `ts`. */
  acted?(cue: Cue, action: CueAction, ts: number): void;
}

export interface RuleCommon {
  enabled: boolean;
  cooldownSec: number;
  ttlSec: number;
}

export interface RuleDefinition<P extends RuleCommon = RuleCommon> {
  id: RuleId;
  severity: Severity;
  /** Higher wins when cues compete for the three active places and the rate limit. */
  priority: number;
  /** Whether the rule also runs on `tick` events (time passing with no sample). */
  onTick: boolean;
  /** Whether it also runs on each comment of the stream (a burst is cued as it happens). */
  onComment?: boolean;
  /** Its cues carry a key (Proposal.key): one active cue per key instead of one per rule. */
  keyed?: boolean;
  /**
   * The series the rule judges by. While any of them is stale (stuck, unreadable) the rule does not run,
   * and while the whole page is stale (frozen, silent) no rule runs but data-stale, which `watchesStaleness`.
   */
  reads: readonly SeriesName[];
  watchesStaleness?: boolean;
  /** Its active cue expires as soon as the condition clears (it says a state, not a moment to act). */
  resolvesOnClear?: boolean;
  /**
   * A rule judged over minutes (a stall, a cadence, a milestone) is checked on samples at most this often,
   * in event time: a dashboard redrawn every second gives it nothing new each second, and an 8-hour replay
   * stays fast. Ticks and comments still check it as they come.
   */
  checkEverySec?: number;
  /** Built on first use (builtOnFirstUse): a restarted worker stores its first sample before any rule's. */
  paramsSchema: () => z.ZodMiniType<P>;
  create(params: P, room: RoomStats): RuleChecker;
}

// Each bounded number is built once per bounds and shared by every field with those bounds: a zod schema is
// never changed after it is made (a check or a default makes a new one around it), and the worker builds all
// seventeen rules' schemas at each start, most of them with bounds another field already has (issue 19).
/** `build` made once per (min, max) and handed out again for the same bounds. */
function sharedByBounds<S>(build: (min: number, max: number) => S): (min: number, max: number) => S {
  const built = new Map<string, S>();
  return (min, max) => {
    const key = `${min}:${max}`;
    let schema = built.get(key);
    if (schema === undefined) {
      schema = build(min, max);
      built.set(key, schema);
    }
    return schema;
  };
}

/** A whole number in [min, max] (`z.number().int().min(min).max(max)` in classic zod). */
export const intIn = sharedByBounds((min, max) => z.int().check(z.minimum(min), z.maximum(max)));

/** A number in [min, max] (`z.number().min(min).max(max)` in classic zod). */
export const numberIn = sharedByBounds((min, max) => z.number().check(z.minimum(min), z.maximum(max)));

let flag: z.ZodMiniBoolean<boolean> | undefined;
/** The `enabled` flag's boolean, shared like the bounded numbers. */
function sharedBoolean(): z.ZodMiniBoolean<boolean> {
  flag ??= z.boolean();
  return flag;
}

/**
 * A settings field: `schema` with its default (classic zod's `.default(value)`). Its label in the settings
 * form is `param.<key>` (or `param.<ruleId>.<key>`) in lib/core/i18n/uiMessages.ts, kept out of the worker.
 */
export function field<T extends z.core.$ZodType>(
  schema: T,
  defaultValue: z.core.util.NoUndefined<z.output<T>>,
) {
  return z._default(schema, defaultValue);
}

/** The fields every rule has, with its own defaults. */
export function commonFields(defaults: { enabled?: boolean; cooldownSec: number; ttlSec: number }) {
  return {
    enabled: field(sharedBoolean(), defaults.enabled ?? true),
    cooldownSec: field(intIn(10, 7200), defaults.cooldownSec),
    ttlSec: field(intIn(15, 3600), defaults.ttlSec),
  };
}

/** Keeps the parameter type of each rule while storing them in one heterogeneous list. */
export function defineRule<P extends RuleCommon>(definition: RuleDefinition<P>): RuleDefinition<RuleCommon> {
  return definition as unknown as RuleDefinition<RuleCommon>;
}

export const round = (value: number, places = 0) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};
