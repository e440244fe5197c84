import { expect, it, vi } from 'vitest';
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

it('pushes after each session’s newest sample its product list as the engine ranks it, and none it cannot rank', () => {
  const ranking = { pinned: null, next: [], roomCtr: 0.04, roomClickToSold: null };
  // s1's engine ranks a list, s2's room shows none, and no engine here folds s3 (its panel ranks the rows).
  const asked: string[] = [];
  const panels = new PanelPorts({
    productRanking: (id) => {
      asked.push(id);
      return id === 's1' ? ranking : id === 's2' ? null : undefined;
    },
    productsReading: () => false,
    liveSessionIds: () => ['s1', 's3'],
  });
  panels.stored({ samples: [{ sessionId: 's1', ts: 1, metrics: {}, health }] });
  expect(asked).toEqual([]); // no panel open: nothing is ranked
  // A panel that connects is sent the lists of the live sessions at once, not with the next sample.
  const a = panel();
  panels.add(a.port);
  expect(a.received).toEqual([{ type: 'products', sessionId: 's1', ranking }]);
  a.received.length = 0;
  panels.stored({
    samples: [
      { sessionId: 's1', ts: 1, metrics: {}, health },
      { sessionId: 's2', ts: 2, metrics: {}, health },
      { sessionId: 's3', ts: 3, metrics: {}, health },
    ],
  });
  expect(a.received.map((push) => [push.type, 'row' in push ? push.row.sessionId : push.sessionId])).toEqual([
    ['sample', 's1'],
    ['products', 's1'],
    ['sample', 's2'],
    ['products', 's2'],
    ['sample', 's3'],
  ]);
  expect(a.received[1]).toEqual({ type: 'products', sessionId: 's1', ranking });
  expect(a.received[3]).toEqual({ type: 'products', sessionId: 's2', ranking: null });
});

it('tells panels a session’s list is still being read until its engine ranks it', () => {
  // A worker restarted late in an evening holds the session but reads its rows before the first fold.
  let folded = false;
  const ranking = { pinned: null, next: [], roomCtr: null, roomClickToSold: null };
  const panels = new PanelPorts({
    productRanking: () => (folded ? ranking : undefined),
    productsReading: (id) => id === 's1' && !folded,
    liveSessionIds: () => ['s1'],
  });
  const a = panel();
  panels.add(a.port);
  expect(a.received).toEqual([{ type: 'productsReading', sessionId: 's1' }]);
  panels.stored({ samples: [{ sessionId: 's1', ts: 1, metrics: {}, health }] });
  expect(a.received.at(-1)).toEqual({ type: 'productsReading', sessionId: 's1' });
  folded = true;
  panels.stored({ samples: [{ sessionId: 's1', ts: 2, metrics: {}, health }] });
  expect(a.received.at(-1)).toEqual({ type: 'products', sessionId: 's1', ranking });
});

it('pushes the sample when ranking its products fails, and logs the failure', () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  const panels = new PanelPorts({
    productRanking: () => {
      throw new Error('a broken book');
    },
    productsReading: () => false,
    liveSessionIds: () => ['s1'],
  });
  const a = panel();
  panels.add(a.port);
  panels.stored({ samples: [{ sessionId: 's1', ts: 1, metrics: { viewers: 5 }, health }] });
  expect(a.received).toEqual([
    { type: 'sample', row: { sessionId: 's1', ts: 1, metrics: { viewers: 5 }, health } },
  ]);
  expect(error).toHaveBeenCalledTimes(2);
  error.mockRestore();
});
