import type { ArbitrationParams } from './ruleSettings';
import type { Cue, EngineEvent, RuleId, Severity } from './types';

// Arbitration, in one place: which proposals become cues (per-rule cooldowns, hysteresis, a global rate
// limit, priorities, a cap on active cues) and how cues live (expiry, snooze, done, dismiss).
// `changed` collects every cue whose status moved, for the engine to return.

export interface Arbiter {
  params: ArbitrationParams;
  /** Per rule slot: 1 when the rule may fire, 0 after it fired until its condition recovers. */
  armed: Uint8Array;
  lastFiredAt: Float64Array;
  cooldownMs: Float64Array;
  priority: Float64Array;
  /** Fire times and priorities of non-urgent cues inside the rate window, oldest first. */
  recent: number[];
  recentPriority: number[];
  /** Every cue of the session by id; `live` holds the active and snoozed ones. */
  cues: Map<string, Cue>;
  live: Cue[];
  /** Rule slot of each rule id, to find a cue's priority. */
  slotOf: Map<RuleId, number>;
}

export function createArbiter(
  params: ArbitrationParams,
  rules: readonly { id: RuleId; priority: number; cooldownSec: number }[],
): Arbiter {
  return {
    params,
    armed: new Uint8Array(rules.length).fill(1),
    lastFiredAt: new Float64Array(rules.length).fill(Number.NEGATIVE_INFINITY),
    cooldownMs: Float64Array.from(rules, (rule) => rule.cooldownSec * 1000),
    priority: Float64Array.from(rules, (rule) => rule.priority),
    recent: [],
    recentPriority: [],
    cues: new Map(),
    live: [],
    slotOf: new Map(rules.map((rule, slot) => [rule.id, slot])),
  };
}

const priorityOf = (arbiter: Arbiter, cue: Cue) => arbiter.priority[arbiter.slotOf.get(cue.ruleId) ?? 0] ?? 0;

function mark(changed: Cue[], cue: Cue) {
  if (!changed.includes(cue)) changed.push(cue);
}

function drop(arbiter: Arbiter, cue: Cue) {
  const index = arbiter.live.indexOf(cue);
  if (index >= 0) arbiter.live.splice(index, 1);
}

/** Time passes to `now`: snoozed cues come back, cues past their deadline expire. */
export function advanceCues(arbiter: Arbiter, now: number, changed: Cue[]): void {
  const live = arbiter.live;
  if (live.length === 0) return;
  for (let i = live.length - 1; i >= 0; i--) {
    const cue = live[i]!;
    if (cue.status === 'snoozed' && now >= cue.snoozedUntil!) {
      const ttl = cue.expiresAt - cue.firedAt;
      cue.status = 'active';
      cue.expiresAt = cue.snoozedUntil! + ttl;
      delete cue.snoozedUntil;
      mark(changed, cue);
      enforceCap(arbiter, cue, changed);
    }
    if (cue.status === 'active' && now >= cue.expiresAt) {
      cue.status = 'expired';
      drop(arbiter, cue);
      mark(changed, cue);
    }
  }
}

/** Over the cap, the lowest-priority active cue (the oldest among equals) expires to make room. */
function enforceCap(arbiter: Arbiter, keep: Cue, changed: Cue[]) {
  const active = arbiter.live.filter((cue) => cue.status === 'active');
  if (active.length <= arbiter.params.maxActive) return;
  let lowest: Cue | undefined;
  for (const cue of active) {
    if (cue === keep) continue;
    if (!lowest || priorityOf(arbiter, cue) < priorityOf(arbiter, lowest)) lowest = cue;
  }
  if (!lowest) return;
  lowest.status = 'expired';
  drop(arbiter, lowest);
  mark(changed, lowest);
}

/** Whether the rule in `slot` may create a cue now; when the active cues are full, a weaker one is evicted. */
export function admit(
  arbiter: Arbiter,
  slot: number,
  severity: Severity,
  now: number,
  changed: Cue[],
): boolean {
  if (arbiter.armed[slot] === 0) return false;
  if (now - arbiter.lastFiredAt[slot]! < arbiter.cooldownMs[slot]!) return false;
  const params = arbiter.params;
  const priority = arbiter.priority[slot]!;
  if (severity !== 'urgent' && !withinRateLimit(arbiter, priority, now)) return false;
  // A new cue of a rule replaces that rule's older one, so it does not count against the cap.
  let active = 0;
  let lowest: Cue | undefined;
  for (const cue of arbiter.live) {
    if (cue.status !== 'active' || arbiter.slotOf.get(cue.ruleId) === slot) continue;
    active++;
    if (!lowest || priorityOf(arbiter, cue) < priorityOf(arbiter, lowest)) lowest = cue;
  }
  if (active >= params.maxActive) {
    if (!lowest || priorityOf(arbiter, lowest) >= priority) return false;
    lowest.status = 'expired';
    drop(arbiter, lowest);
    mark(changed, lowest);
  }
  return true;
}

/**
 * The global rate limit and the least gap between cues, counted against cues of equal or higher priority
 * only: a milestone a few seconds earlier must not hold back a traffic surge.
 */
function withinRateLimit(arbiter: Arbiter, priority: number, now: number): boolean {
  const { recent, recentPriority, params } = arbiter;
  const horizon = now - Math.max(params.rateWindowSec, params.minGapSec) * 1000;
  while (recent.length > 0 && recent[0]! <= horizon) {
    recent.shift();
    recentPriority.shift();
  }
  let count = 0;
  for (let i = 0; i < recent.length; i++) {
    if (recentPriority[i]! < priority) continue;
    if (now - recent[i]! < params.minGapSec * 1000) return false;
    if (now - recent[i]! < params.rateWindowSec * 1000) count++;
  }
  return count < params.maxPerWindow;
}

/** The condition a rule cued is over (data-stale: the numbers are live again): its active cue expires now. */
export function resolve(arbiter: Arbiter, ruleId: RuleId, changed: Cue[]): void {
  for (let i = arbiter.live.length - 1; i >= 0; i--) {
    const cue = arbiter.live[i]!;
    if (cue.ruleId !== ruleId || cue.status !== 'active') continue;
    cue.status = 'expired';
    arbiter.live.splice(i, 1);
    mark(changed, cue);
  }
}

/** Records an admitted cue: the rule disarms until its condition recovers, and its older cue is superseded. */
export function record(arbiter: Arbiter, slot: number, cue: Cue, changed: Cue[]): void {
  for (let i = arbiter.live.length - 1; i >= 0; i--) {
    const old = arbiter.live[i]!;
    if (old.ruleId !== cue.ruleId) continue;
    old.status = 'expired';
    arbiter.live.splice(i, 1);
    mark(changed, old);
  }
  arbiter.armed[slot] = 0;
  arbiter.lastFiredAt[slot] = cue.firedAt;
  if (cue.severity !== 'urgent') {
    arbiter.recent.push(cue.firedAt);
    arbiter.recentPriority.push(arbiter.priority[slot]!);
  }
  arbiter.cues.set(cue.id, cue);
  arbiter.live.push(cue);
  mark(changed, cue);
}

/** The operator acted on a cue. Returns the cue when it was marked done (for its outcome), else undefined. */
export function applyAction(
  arbiter: Arbiter,
  event: Extract<EngineEvent, { kind: 'action' }>,
  changed: Cue[],
): Cue | undefined {
  const cue = arbiter.cues.get(event.cueId);
  if (!cue || cue.status === 'done' || cue.status === 'dismissed') return undefined;
  if (event.action === 'snooze') {
    if (cue.status !== 'active') return undefined;
    cue.status = 'snoozed';
    cue.snoozedUntil = event.ts + (event.snoozeSec ?? arbiter.params.defaultSnoozeSec) * 1000;
    mark(changed, cue);
    return undefined;
  }
  // Done or dismissed also count for a cue that just expired: the operator may have acted as it timed out.
  cue.status = event.action === 'done' ? 'done' : 'dismissed';
  cue.actedAt = event.ts;
  delete cue.snoozedUntil;
  drop(arbiter, cue);
  mark(changed, cue);
  return event.action === 'done' ? cue : undefined;
}
