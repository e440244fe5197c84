import { builtOnFirstUse } from '../builtOnFirstUse';
import type { PlanSlot } from '../engine/types';
import { z } from '../zodMini';
import { planSlotSchema } from './settingsSchema';

// Run-of-show edits as plain functions: each returns a new plan and leaves the old one untouched.

export const planSchema = builtOnFirstUse(() => z.array(planSlotSchema()).check(z.maxLength(200)));

export function addSlot(plan: readonly PlanSlot[], slot: PlanSlot = { name: '', minutes: 5 }): PlanSlot[] {
  return [...plan, slot];
}

export function removeSlot(plan: readonly PlanSlot[], index: number): PlanSlot[] {
  return plan.filter((_, i) => i !== index);
}

/** Moves the slot at `index` by `offset` places (−1 up, +1 down); out of range leaves the plan as it is. */
export function moveSlot(plan: readonly PlanSlot[], index: number, offset: number): PlanSlot[] {
  const target = index + offset;
  if (index < 0 || index >= plan.length || target < 0 || target >= plan.length) return [...plan];
  const next = [...plan];
  const [slot] = next.splice(index, 1);
  next.splice(target, 0, slot!);
  return next;
}

export function updateSlot(plan: readonly PlanSlot[], index: number, change: Partial<PlanSlot>): PlanSlot[] {
  return plan.map((slot, i) => (i === index ? { ...slot, ...change } : slot));
}

/** Total planned minutes, and when each slot starts (minutes from the start of the show). */
export function planTimeline(plan: readonly PlanSlot[]): { startsAt: number[]; totalMinutes: number } {
  const startsAt: number[] = [];
  let elapsed = 0;
  for (const slot of plan) {
    startsAt.push(elapsed);
    elapsed += Number.isFinite(slot.minutes) ? slot.minutes : 0;
  }
  return { startsAt, totalMinutes: elapsed };
}

export function planToJson(plan: readonly PlanSlot[]): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/** Parses an imported plan file; errors name the slot and field, e.g. `2.minutes: …`. */
export function parsePlanJson(text: string): { ok: true; plan: PlanSlot[] } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  // Accept a bare array or a settings-like object holding one.
  const candidate = Array.isArray(data) ? data : (data as { plan?: unknown } | null)?.plan;
  const result = planSchema().safeParse(candidate);
  if (result.success) return { ok: true, plan: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, error: `${issue.path.map(String).join('.') || 'plan'}: ${issue.message}` };
}

/** Validates the plan being edited; returns an error per slot index for inline display. */
export function validatePlan(plan: readonly PlanSlot[]): Record<number, string> {
  const errors: Record<number, string> = {};
  plan.forEach((slot, index) => {
    const result = planSlotSchema().safeParse(slot);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      errors[index] = `${issue.path.map(String).join('.')}: ${issue.message}`;
    }
  });
  return errors;
}
