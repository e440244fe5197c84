import { expect, it } from 'vitest';
import { sameRows } from '../../../../lib/ui/panel/sameRows';

it('tells a re-read of the same rows from a list that changed', () => {
  const rows = [
    { id: 'a', status: 'active', outcome: { lift: 0.2 } },
    { id: 'b', status: 'done' },
  ];
  expect(sameRows(rows, structuredClone(rows))).toBe(true);
  expect(sameRows(rows, rows)).toBe(true);
  expect(sameRows([], [])).toBe(true);
  // A status, a nested value, a row more or the order: changed.
  expect(sameRows(rows, [{ ...rows[0]!, status: 'done' }, rows[1]!])).toBe(false);
  expect(sameRows(rows, [{ ...rows[0]!, outcome: { lift: 0.3 } }, rows[1]!])).toBe(false);
  expect(sameRows(rows, [...rows, { id: 'c', status: 'active' }])).toBe(false);
  expect(sameRows(rows, [rows[1]!, rows[0]!])).toBe(false);
});
