import { describe, expect, it } from 'vitest';
import { checkPlanAgainstPins } from '../../../../lib/core/products/planCheck';
import { ProductBook } from '../../../../lib/core/products/productBook';

// The run-of-show against what was really pinned, as the panel's plan view and the review show it.

const T0 = Date.parse('2026-11-24T20:00:00Z');
const at = (sec: number) => T0 + sec * 1000;

describe('checkPlanAgainstPins', () => {
  it('says how long each planned product was explained, which were never put up, and which were not planned', () => {
    const book = new ProductBook();
    book.apply({
      ts: at(0),
      rows: [
        { id: '101', name: '羊绒围巾', metrics: {} },
        { id: '102', name: '福利款保温杯', metrics: {} },
        { id: '103', name: '真丝眼罩', metrics: {} },
      ],
      pinnedId: '101',
    });
    book.apply({ ts: at(420), rows: [], pinnedId: '103' });
    book.apply({ ts: at(600), rows: [], pinnedId: null });
    const check = checkPlanAgainstPins(
      [
        { productId: '101', name: '围巾', minutes: 5 },
        { name: '福利款保温杯', minutes: 3 },
      ],
      book,
      at(700),
    );
    expect(check.slots).toEqual([
      {
        index: 0,
        name: '围巾',
        productId: '101',
        plannedSec: 300,
        explainedSec: 420,
        firstPinnedAt: at(0),
        pinned: true,
      },
      {
        index: 1,
        name: '福利款保温杯',
        productId: '102',
        plannedSec: 180,
        explainedSec: 0,
        firstPinnedAt: Number.NaN,
        pinned: false,
      },
    ]);
    expect(check.neverPinned.map((slot) => slot.name)).toEqual(['福利款保温杯']);
    expect(check.unplanned).toEqual([
      { id: '103', name: '真丝眼罩', explainedSec: 180, firstPinnedAt: at(420) },
    ]);
  });
});
