import { byTimeThenId } from '../../core/engine/eventOrder';
import type { EngineEvent } from '../../core/engine/types';
import type { ProductsEvent } from '../../core/products/productContract';
import type { ActionRow, CommentRow, SampleRow } from '../../store/rows';

// The one way a stored session becomes engine events, used by the background's crash-recovery refold and by
// the replay CLI, so live cues equal replayed cues. Merged by ts; at equal ts comments come first, then
// samples, then the product table the sample carried (products), then actions by id.

export function sessionEvents(
  samples: readonly SampleRow[],
  actions: readonly ActionRow[],
  comments: readonly CommentRow[] = [],
  products: readonly ProductsEvent[] = [],
): EngineEvent[] {
  const sortedSamples = [...samples].sort((a, b) => a.ts - b.ts);
  const sortedActions = [...actions].sort(byTimeThenId);
  const sortedComments = [...comments].sort((a, b) => a.ts - b.ts);
  const events: EngineEvent[] = [];
  let p = 0;
  /** Products events before `ts`, or up to it (a sample's products come right after the sample). */
  const productsTo = (ts: number, inclusive: boolean) => {
    while (p < products.length && (products[p]!.ts < ts || (inclusive && products[p]!.ts === ts))) {
      events.push(products[p++]!);
    }
  };
  let s = 0;
  let a = 0;
  let c = 0;
  while (s < sortedSamples.length || a < sortedActions.length || c < sortedComments.length) {
    const sample = sortedSamples[s];
    const action = sortedActions[a];
    const comment = sortedComments[c];
    // At one time: comments, then the sample that carried them, then actions (the live order).
    if (comment && (!sample || comment.ts <= sample.ts) && (!action || comment.ts <= action.ts)) {
      productsTo(comment.ts, false);
      events.push(commentEvent(comment));
      c++;
    } else if (sample && (!action || sample.ts <= action.ts)) {
      productsTo(sample.ts, false);
      events.push(sampleEvent(sample));
      s++;
      productsTo(sample.ts, true);
    } else if (action) {
      productsTo(action.ts, true);
      events.push(actionEvent(action));
      a++;
    }
  }
  productsTo(Number.POSITIVE_INFINITY, true);
  return events;
}

/** One stored comment as the engine sees it, with the topics it was stored with. */
export function commentEvent(comment: CommentRow): EngineEvent {
  return { kind: 'comment', ts: comment.ts, user: comment.user, text: comment.text, topics: comment.topics };
}

/** One stored sample as the engine sees it, live and in a refold alike (with the reader's frozenSec when sent). */
export function sampleEvent(sample: SampleRow): EngineEvent {
  const frozenSec = sample.health?.frozenSec;
  return {
    kind: 'sample',
    ts: sample.ts,
    metrics: sample.metrics,
    ...(sample.product !== undefined && { product: sample.product }),
    ...(frozenSec !== undefined && { frozenSec }),
  };
}

/** One stored action (an operator's cue action, a run-of-show, a tick) as the engine sees it. */
export function actionEvent(action: ActionRow): EngineEvent {
  switch (action.type) {
    case 'cue':
      return {
        kind: 'action',
        ts: action.ts,
        cueId: action.cueId,
        action: action.action,
        ...(action.snoozeSec !== undefined && { snoozeSec: action.snoozeSec }),
      };
    case 'plan':
      return { kind: 'plan', ts: action.ts, plan: action.plan };
    case 'tick':
      return { kind: 'tick', ts: action.ts };
  }
}
