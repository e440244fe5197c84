import { describe, expect, it } from 'vitest';
import type { ActionRow, SampleRow } from '../../../../lib/store/rows';
import { sessionEvents } from '../../../../lib/worker/session/sessionEvents';

const sample = (ts: number, viewers: number): SampleRow => ({ sessionId: 's', ts, metrics: { viewers } });

describe('sessionEvents', () => {
  it('merges by ts with samples first at equal ts, then actions by id', () => {
    const actions: ActionRow[] = [
      { id: 'b', sessionId: 's', ts: 2000, type: 'tick' },
      { id: 'a', sessionId: 's', ts: 2000, type: 'cue', cueId: 'c1', action: 'snooze', snoozeSec: 60 },
      { id: 'c', sessionId: 's', ts: 500, type: 'plan', plan: [{ name: 'A', minutes: 5 }] },
    ];
    const events = sessionEvents([sample(3000, 3), sample(2000, 2), sample(1000, 1)], actions);
    expect(events.map((event) => [event.kind, event.ts])).toEqual([
      ['plan', 500],
      ['sample', 1000],
      ['sample', 2000],
      ['action', 2000],
      ['tick', 2000],
      ['sample', 3000],
    ]);
    expect(events[3]).toEqual({ kind: 'action', ts: 2000, cueId: 'c1', action: 'snooze', snoozeSec: 60 });
  });

  it('passes the reader’s frozenSec to the engine, so a refold judges a frozen page as live did', () => {
    const frozen: SampleRow = {
      ...sample(1000, 5),
      health: { parsed: ['viewers'], failed: [], missing: [], frozenSec: 42 },
    };
    expect(sessionEvents([frozen, sample(2000, 6)], [])).toEqual([
      { kind: 'sample', ts: 1000, metrics: { viewers: 5 }, frozenSec: 42 },
      { kind: 'sample', ts: 2000, metrics: { viewers: 6 } },
    ]);
  });
});
