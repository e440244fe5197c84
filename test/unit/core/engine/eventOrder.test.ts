import { expect, it } from 'vitest';
import { byTimeThenId } from '../../../../lib/core/engine/eventOrder';

it('orders rows by time, and rows of one time by id', () => {
  const rows = [
    { ts: 2, id: 'b' },
    { ts: 1, id: 'z' },
    { ts: 2, id: 'a' },
    { ts: 2, id: 'B' },
  ];
  expect(rows.sort(byTimeThenId)).toEqual([
    { ts: 1, id: 'z' },
    { ts: 2, id: 'B' },
    { ts: 2, id: 'a' },
    { ts: 2, id: 'b' },
  ]);
});
