import { type Arbiter, admit, advanceCues, applyAction, createArbiter, record, resolve } from './arbitration';
import { lazyClassifierFor } from './commentClassifier';
import { type PendingOutcome, settleOutcomes, startOutcome } from './outcomes';
import { bit, RoomStats, S, type SeriesName } from './roomStats';
import { CLEAR, FIRE, REARM, type RuleChecker, type RuleCommon, type RuleDefinition } from './ruleDefinition';
import { parseRuleSettings, type RuleSettings } from './ruleSettings';
import { RULES } from './rules/index';
import { Staleness } from './staleness';
import type { Cue, Engine } from './types';

// The engine: a deterministic fold over EngineEvents. State is mutated in place for speed; time only ever
// comes from the events. After each event the room is judged for stale numbers; rules that read them wait
// (all but data-stale when the whole page is stale). Rules run in priority order so the stronger cue takes
// a contested place.

/**
 * A rule as the fold runs it: its definition's flags copied into one class, so the per-sample loop over
 * every rule reads fields of one shape (the definitions are seventeen object literals of different shapes,
 * and reading their flags on each sample was a lookup each).
 */
class LiveRule {
  readonly id: RuleDefinition['id'];
  readonly onTick: boolean;
  readonly onComment: boolean;
  readonly watchesStaleness: boolean;
  readonly resolvesOnClear: boolean;
  /** checkEverySec in ms; 0 when the rule runs on every sample. */
  readonly checkEveryMs: number;
  /** Event time of its last check on a sample (see RuleDefinition.checkEverySec). */
  checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly definition: RuleDefinition<RuleCommon>,
    readonly params: RuleCommon,
    readonly checker: RuleChecker,
    readonly slot: number,
    /** Bits of the series the rule reads (S): it waits while any of them is stale. */
    readonly readsMask: number,
  ) {
    this.id = definition.id;
    this.onTick = definition.onTick;
    this.onComment = definition.onComment === true;
    this.watchesStaleness = definition.watchesStaleness === true;
    this.resolvesOnClear = definition.resolvesOnClear === true;
    this.checkEveryMs = definition.checkEverySec === undefined ? 0 : definition.checkEverySec * 1000;
  }
}

export interface EngineState {
  sessionId: string;
  startedAt: number;
  settings: RuleSettings;
  room: RoomStats;
  staleness: Staleness;
  rules: LiveRule[];
  arbiter: Arbiter;
  /** The series each cue's outcome is measured on, by cue id. */
  outcomeSeries: Map<string, SeriesName>;
  pendingOutcomes: PendingOutcome[];
  /** The room showed its end-of-live signal. */
  ended: boolean;
  /** The cues an event changes, gathered during its step (one array for every step: a fold makes no garbage per event). */
  changed: Cue[];
}

export class RuleSettingsError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`Invalid rule settings at ${message}`);
  }
}

const NO_CUES: Cue[] = Object.freeze([]) as unknown as Cue[];

/**
 * Builds the engine for a set of rule settings (partial objects fill in defaults).
 * Throws RuleSettingsError naming the bad field when the settings do not validate.
 */
export function createEngine(ruleSettings?: unknown): Engine<EngineState> {
  const parsed = parseRuleSettings(ruleSettings);
  if (!parsed.ok) throw new RuleSettingsError(parsed.path, parsed.error);
  const settings = parsed.settings;
  const enabled = RULES.filter((rule) => (settings[rule.id] as RuleCommon).enabled).sort(
    (a, b) => b.priority - a.priority,
  );

  const classifyComment = lazyClassifierFor(ruleSettings);

  return {
    classifyComment,
    init(sessionId, startedAt) {
      const room = new RoomStats(startedAt);
      // The stale-data judgement holds back every rule, so it runs even when the data-stale cue is off.
      const staleness = new Staleness(settings['data-stale']);
      const rules = enabled.map((definition, slot) => {
        const params = settings[definition.id] as RuleCommon;
        const readsMask = definition.reads.reduce((mask, series) => mask | bit(S[series]), 0);
        return new LiveRule(definition, params, definition.create(params, room), slot, readsMask);
      });
      return {
        sessionId,
        startedAt,
        settings,
        room,
        staleness,
        rules,
        arbiter: createArbiter(
          settings.arbitration,
          rules.map((rule) => ({
            id: rule.definition.id,
            priority: rule.definition.priority,
            cooldownSec: rule.params.cooldownSec,
            keyed: rule.definition.keyed === true,
          })),
        ),
        outcomeSeries: new Map(),
        pendingOutcomes: [],
        ended: false,
        changed: [],
      };
    },
    step(state, event) {
      const changed = state.changed;
      // Setting an array's length is a call into the runtime: only when a step before threw halfway.
      if (changed.length !== 0) changed.length = 0;
      const { room, arbiter } = state;
      const now = Math.max(event.ts, room.now);
      advanceCues(arbiter, now, changed);
      switch (event.kind) {
        case 'sample':
          room.addSample(now, event.metrics, event.product, event.frozenSec);
          state.staleness.update(room, now);
          if (event.ended) state.ended = true;
          if (state.pendingOutcomes.length > 0) {
            settleOutcomes(
              room,
              state.staleness,
              state.pendingOutcomes,
              state.settings.arbitration.outcomeWindowSec,
              changed,
            );
          }
          runRules(state, now, 'sample', changed);
          break;
        case 'tick':
          room.now = now;
          state.staleness.update(room, now);
          runRules(state, now, 'tick', changed);
          break;
        case 'comment': {
          room.now = now;
          const topics = event.topics ?? classifyComment(event.text);
          const comment = { ts: now, user: event.user, text: event.text };
          for (const rule of state.rules) rule.checker.comment?.(comment, topics);
          runRules(state, now, 'comment', changed);
          break;
        }
        case 'products':
          // Folded only: product rules judge on the samples, like every rule reading the page.
          room.addProducts(event.ts === now ? event : { ...event, ts: now });
          break;
        case 'plan':
          room.now = now;
          room.plan = event.plan.map((slot) => ({ ...slot }));
          room.planSetAt = now;
          break;
        case 'action': {
          room.now = now;
          const before = arbiter.cues.get(event.cueId)?.status;
          const done = applyAction(arbiter, event, changed);
          const acted = arbiter.cues.get(event.cueId);
          if (acted && acted.status !== before) {
            state.rules
              .find((rule) => rule.definition.id === acted.ruleId)
              ?.checker.acted?.(acted, event.action, now);
          }
          const series = done && state.outcomeSeries.get(done.id);
          if (done && series) {
            const pending = startOutcome(
              room,
              state.staleness,
              done,
              series,
              state.settings.arbitration.outcomeWindowSec,
            );
            if (pending) state.pendingOutcomes.push(pending);
          }
          break;
        }
      }
      if (changed.length === 0) return NO_CUES;
      const cues = changed.map((cue) => ({ ...cue }));
      changed.length = 0;
      return cues;
    },
  };
}

/** What woke the rules: a sample runs every rule; a tick or a comment only the rules that ask for it. */
type Trigger = 'sample' | 'tick' | 'comment';

function runRules(state: EngineState, now: number, trigger: Trigger, changed: Cue[]) {
  const { rules, arbiter } = state;
  const staleMask = state.room.staleMask;
  const { staleKind, pageSuspect } = state.room;
  const pageStale = pageSuspect || staleKind === 'frozen' || staleKind === 'silent';
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (trigger === 'tick' && !rule.onTick) continue;
    if (trigger === 'comment' && !rule.onComment) continue;
    // No rule runs on numbers the engine knows are stale; it neither fires nor re-arms until they are fresh.
    if (!rule.watchesStaleness && (pageStale || (rule.readsMask & staleMask) !== 0)) continue;
    const every = rule.checkEveryMs;
    if (every !== 0 && trigger === 'sample') {
      if (now - rule.checkedAt < every) continue;
      rule.checkedAt = now;
    }
    const level = rule.checker.check(now);
    if (level === CLEAR || level === REARM) {
      if (level === CLEAR && rule.resolvesOnClear && arbiter.armed[i] === 0) {
        resolve(arbiter, rule.id, changed);
      }
      arbiter.armed[i] = 1;
      continue;
    }
    if (level !== FIRE || arbiter.lastFiredAt[i] === now) continue;
    if (!admit(arbiter, i, rule.definition.severity, now, changed)) continue;
    const proposal = rule.checker.propose(now);
    const ruleId = rule.definition.id;
    const ttlSec = proposal.ttlSec ?? rule.params.ttlSec;
    const cue: Cue = {
      id: `${state.sessionId}:${ruleId}:${now}`,
      sessionId: state.sessionId,
      ruleId,
      firedAt: now,
      severity: proposal.severity ?? rule.definition.severity,
      title: proposal.title,
      detail: proposal.detail,
      params: proposal.params,
      evidence: proposal.evidence,
      expiresAt: now + Math.max(1, ttlSec) * 1000,
      status: 'active',
    };
    if (proposal.key !== undefined) cue.key = proposal.key;
    if (proposal.countdownSec !== undefined) cue.countdownSec = proposal.countdownSec;
    if (proposal.outcome) state.outcomeSeries.set(cue.id, proposal.outcome);
    record(arbiter, i, cue, changed);
    rule.checker.fired?.(now);
  }
}
