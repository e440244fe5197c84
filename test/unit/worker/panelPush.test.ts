import { expect, it } from 'vitest';
import type { Cue } from '../../../lib/core/engine/types';
import type { LivePush } from '../../../lib/store/livePush';
import type { SessionRow } from '../../../lib/store/rows';
import { PanelPorts } from '../../../lib/worker/panelPush';

function panel() {
  const received: LivePush[] = [];
  const drops: (() => void)[] = [];
  return {
    received,
    close: () => {
      for (const drop of drops) drop();
    },
    port: {
      name: 'livecue-panel',
      postMessage: (m: unknown) => received.push(structuredClone(m) as LivePush),
      onDisconnect: { addListener: (l: () => void) => drops.push(l) },
    },
  };
}

const health = { parsed: ['viewers' as const], failed: [], missing: [] };

it('pushes each session’s newest queued sample and the waiting cues to every open panel', () => {
  const panels = new PanelPorts();
  const a = panel();
  const b = panel();
  panels.add(a.port);
  panels.add(b.port);
  panels.stored({
    samples: [
      { sessionId: 's1', ts: 2, metrics: { viewers: 20 }, health },
      { sessionId: 's1', ts: 1, metrics: { viewers: 10 }, health },
      { sessionId: 's2', ts: 5, metrics: { viewers: 50 }, health },
    ],
  });
  panels.stored({ cues: [] });
  const open = [{ id: 's1:traffic-drop:2', status: 'active' } as Cue];
  panels.cuesChanged({ session: { id: 's1' } as SessionRow, changed: open, active: open, open });
  const expected = [
    { type: 'sample', row: { sessionId: 's1', ts: 2, metrics: { viewers: 20 }, health } },
    { type: 'sample', row: { sessionId: 's2', ts: 5, metrics: { viewers: 50 }, health } },
    { type: 'cues', sessionId: 's1', open },
  ];
  expect(a.received).toEqual(expected);
  expect(b.received).toEqual(expected);

  // A closed panel is forgotten; a panel whose port throws as it closes is too.
  a.close();
  const throwing = {
    ...panel().port,
    postMessage: () => {
      throw new Error('closed');
    },
  };
  panels.add(throwing);
  panels.stored({ samples: [{ sessionId: 's1', ts: 3, metrics: { viewers: 30 }, health }] });
  expect(a.received).toHaveLength(3);
  expect(b.received).toHaveLength(4);
  expect(panels.size).toBe(1);
});
