import { describe, expect, it } from 'vitest';
import {
  addSlot,
  moveSlot,
  parsePlanJson,
  planTimeline,
  planToJson,
  removeSlot,
  updateSlot,
  validatePlan,
} from '../../../../lib/core/settings/planEdits';

const plan = [
  { name: 'Scarf', minutes: 5 },
  { name: 'Gloves', minutes: 4 },
  { name: 'Hat', minutes: 6 },
];

describe('plan edits', () => {
  it('adds, removes, moves and updates slots without touching the original', () => {
    expect(addSlot(plan).at(-1)).toEqual({ name: '', minutes: 5 });
    expect(removeSlot(plan, 1).map((s) => s.name)).toEqual(['Scarf', 'Hat']);
    expect(moveSlot(plan, 2, -1).map((s) => s.name)).toEqual(['Scarf', 'Hat', 'Gloves']);
    expect(moveSlot(plan, 0, -1).map((s) => s.name)).toEqual(['Scarf', 'Gloves', 'Hat']);
    expect(updateSlot(plan, 0, { minutes: 8 })[0]).toEqual({ name: 'Scarf', minutes: 8 });
    expect(plan[0]).toEqual({ name: 'Scarf', minutes: 5 });
  });

  it('says when each slot starts and how long the show runs', () => {
    expect(planTimeline(plan)).toEqual({ startsAt: [0, 5, 9], totalMinutes: 15 });
  });

  it('round-trips through JSON and accepts a settings-shaped file', () => {
    expect(parsePlanJson(planToJson(plan))).toEqual({ ok: true, plan });
    expect(parsePlanJson(JSON.stringify({ plan }))).toEqual({ ok: true, plan });
  });

  it('refuses a broken file and names the bad field', () => {
    expect(parsePlanJson('{')).toMatchObject({ ok: false });
    const result = parsePlanJson(
      JSON.stringify([
        { name: 'A', minutes: 5 },
        { name: 'B', minutes: 'ten' },
      ]),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^1\.minutes:/);
  });

  it('flags slots without a name or with no minutes', () => {
    expect(Object.keys(validatePlan([{ name: '', minutes: 5 }, ...plan, { name: 'X', minutes: 0 }]))).toEqual(
      ['0', '4'],
    );
  });
});
