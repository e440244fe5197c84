import { type Arbiter, admit, advanceCues, applyAction, createArbiter, record } from './arbitration';
import { classifierFor } from './commentClassifier';
import { type PendingOutcome, settleOutcomes, startOutcome } from './outcomes';
import { RoomStats, type SeriesName } from './roomStats';
import { CLEAR, FIRE, type RuleChecker, type RuleCommon, type RuleDefinition } from './ruleDefinition';
import { parseRuleSettings, type RuleSettings } from './ruleSettings';
import { RULES } from './rules/index';
import type { Cue, Engine } from './types';

// The engine: a deterministic fold over EngineEvents. State is mutated in place for speed; time only ever
// comes from the events. Rules run in priority order so the stronger cue takes a contested place.

interface LiveRule {
  definition: RuleDefinition<RuleCommon>;
  params: RuleCommon;
  checker: RuleChecker;
  slot: number;
}

export interface EngineState {
  sessionId: string;
  startedAt: number;
  settings: RuleSettings;
  room: RoomStats;
  rules: LiveRule[];
  arbiter: Arbiter;
  /** The series each cue's outcome is measured on, by cue id. */
  outcomeSeries: Map<string, SeriesName>;
  pendingOutcomes: PendingOutcome[];
  /** The room showed its end-of-live signal. */
  ended: boolean;
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

  const classifyComment = classifierFor(ruleSettings);

  return {
    classifyComment,
    init(sessionId, startedAt) {
      const room = new RoomStats(startedAt);
      const rules = enabled.map((definition, slot) => {
        const params = settings[definition.id] as RuleCommon;
        return { definition, params, checker: definition.create(params, room), slot };
      });
      return {
        sessionId,
        startedAt,
        settings,
        room,
        rules,
        arbiter: createArbiter(
          settings.arbitration,
          rules.map((rule) => ({
            id: rule.definition.id,
            priority: rule.definition.priority,
            cooldownSec: rule.params.cooldownSec,
          })),
        ),
        outcomeSeries: new Map(),
        pendingOutcomes: [],
        ended: false,
      };
    },
    step(state, event) {
      const changed: Cue[] = [];
      const { room, arbiter } = state;
      const now = Math.max(event.ts, room.now);
      advanceCues(arbiter, now, changed);
      switch (event.kind) {
        case 'sample':
          room.addSample(now, event.metrics, event.product);
          if (event.ended) state.ended = true;
          if (state.pendingOutcomes.length > 0) {
            settleOutcomes(room, state.pendingOutcomes, state.settings.arbitration.outcomeWindowSec, changed);
          }
          runRules(state, now, false, changed);
          break;
        case 'tick':
          room.now = now;
          runRules(state, now, true, changed);
          break;
        case 'comment':
          room.now = now;
          break;
        case 'plan':
          room.now = now;
          room.plan = event.plan.map((slot) => ({ ...slot }));
          room.planSetAt = now;
          break;
        case 'action': {
          room.now = now;
          const done = applyAction(arbiter, event, changed);
          const series = done && state.outcomeSeries.get(done.id);
          if (done && series) {
            const pending = startOutcome(room, done, series, state.settings.arbitration.outcomeWindowSec);
            if (pending) state.pendingOutcomes.push(pending);
          }
          break;
        }
      }
      return changed.length === 0 ? NO_CUES : changed.map((cue) => ({ ...cue }));
    },
  };
}

function runRules(state: EngineState, now: number, onTick: boolean, changed: Cue[]) {
  const { rules, arbiter } = state;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (onTick && !rule.definition.onTick) continue;
    const level = rule.checker.check(now);
    if (level === CLEAR) {
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
    if (proposal.countdownSec !== undefined) cue.countdownSec = proposal.countdownSec;
    if (proposal.outcome) state.outcomeSeries.set(cue.id, proposal.outcome);
    record(arbiter, i, cue, changed);
    rule.checker.fired?.(now);
  }
}
