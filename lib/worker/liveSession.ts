import { createEngine } from '../core/engine/createEngine';
import type { Cue, EngineEvent } from '../core/engine/types';
import type { ActionRow, SampleRow, SessionRow } from '../store/rows';
import { sampleEvent, sessionEvents } from './session/sessionEvents';

// One open session held in the worker's memory: its stored events, the engine state folded from them,
// and the cues as they stand. Everything here can be rebuilt from the database (a refold), so nothing in
// it must survive a worker restart.

type EngineOf = ReturnType<typeof createEngine>;
type StateOf = ReturnType<EngineOf['init']>;

export class LiveSession {
  readonly engine: EngineOf;
  state: StateOf;
  /** Sorted by ts; the seen-set makes a resent sample a no-op. */
  readonly samples: SampleRow[];
  readonly actions: ActionRow[];
  readonly seenTs = new Set<number>();
  readonly cues = new Map<string, Cue>();
  /** Time of the newest event folded into the engine. */
  lastEventTs: number;

  constructor(
    public row: SessionRow,
    samples: SampleRow[],
    actions: ActionRow[],
  ) {
    this.engine = createEngine(row.ruleSettings);
    this.samples = samples.slice().sort((a, b) => a.ts - b.ts);
    this.actions = actions.slice().sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
    this.state = this.engine.init(row.id, row.startedAt);
    this.lastEventTs = row.startedAt;
    this.refold();
  }

  /** Rebuilds the engine from every stored event; returns every cue as it now stands. */
  refold(): Cue[] {
    this.state = this.engine.init(this.row.id, this.row.startedAt);
    this.cues.clear();
    this.seenTs.clear();
    for (const sample of this.samples) this.seenTs.add(sample.ts);
    this.lastEventTs = this.row.startedAt;
    for (const event of sessionEvents(this.samples, this.actions)) this.apply(event);
    return [...this.cues.values()];
  }

  /** Folds one event in time order; returns the cues it created or changed. */
  apply(event: EngineEvent): Cue[] {
    const changed = this.engine.step(this.state, event);
    for (const cue of changed) this.cues.set(cue.id, cue);
    if (event.ts > this.lastEventTs) this.lastEventTs = event.ts;
    return changed;
  }

  /**
   * Adds a sample: in order, it is folded at once; older than what the engine has seen (a resend that
   * arrived late), it is slotted in and the session refolded so the result equals a replay.
   */
  addSample(sample: SampleRow): { duplicate: boolean; changed: Cue[] } {
    if (this.seenTs.has(sample.ts)) return { duplicate: true, changed: [] };
    this.seenTs.add(sample.ts);
    if (sample.ts >= this.lastEventTs) {
      this.samples.push(sample);
      return { duplicate: false, changed: this.apply(sampleEvent(sample)) };
    }
    const at = this.samples.findIndex((s) => s.ts > sample.ts);
    this.samples.splice(at < 0 ? this.samples.length : at, 0, sample);
    return { duplicate: false, changed: this.refold() };
  }

  addAction(action: ActionRow): Cue[] {
    if (action.ts >= this.lastEventTs) {
      this.actions.push(action);
      const event = sessionEvents([], [action])[0];
      return event ? this.apply(event) : [];
    }
    this.actions.push(action);
    this.actions.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
    return this.refold();
  }

  activeCues(): Cue[] {
    return [...this.cues.values()].filter((cue) => cue.status === 'active');
  }
}
