import type { PlanSlot } from '../../core/engine/types';
import { planSchema } from '../../core/settings/planEdits';
import { z } from '../../core/zodMini';
import type { ProductReview } from './productReview';

// What the review page and its product worker (productReviewWorker.ts) say to each other: the page asks for
// one session's product table at a time and the worker answers it by the request's id.

export interface ProductReviewRequest {
  id: number;
  sessionId: string;
  /** The time the table is computed at (the session's end, or its last sample while it runs). */
  end: number;
  plan: PlanSlot[];
}

export type ProductReviewAnswer =
  | { id: number; ok: true; review: ProductReview }
  | { id: number; ok: false; error: string };

const requestSchema = z.object({
  id: z.number(),
  sessionId: z.string().check(z.minLength(1)),
  end: z.number(),
  plan: planSchema(),
});

/** The request a worker was sent, or why it is not one. */
export function readProductReviewRequest(
  message: unknown,
): { ok: true; request: ProductReviewRequest } | { ok: false; error: string } {
  const parsed = requestSchema.safeParse(message);
  return parsed.success
    ? { ok: true, request: parsed.data as ProductReviewRequest }
    : { ok: false, error: parsed.error.message };
}

/** A worker's answer, or null for a message that is none (its shape only: the worker is the page's own). */
export function readProductReviewAnswer(message: unknown): ProductReviewAnswer | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (typeof m.id !== 'number') return null;
  if (m.ok === true && typeof m.review === 'object' && m.review !== null) return m as ProductReviewAnswer;
  if (m.ok === false && typeof m.error === 'string') return m as ProductReviewAnswer;
  return null;
}
