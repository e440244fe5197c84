import type { CommentTopic } from '../comments/commentTopics';
import type { MetricId } from '../metrics/metricCatalog';
import type { ProductsEvent } from '../products/productContract';

// The engine's contract (DESIGN.md §1, §4). The engine is a deterministic fold:
//   state = engine.init(sessionId, settings); for each event: cues = engine.step(state, event)
// It never reads the clock, the DOM or the database: time arrives inside each event.

export const RULE_IDS = [
  'traffic-drop',
  'traffic-surge',
  'sales-stall',
  'product-dwell',
  'ad-boost',
  'ad-hold',
  'engagement-low',
  'follow-cadence',
  'giveaway-cadence',
  'plan-next',
  'milestone',
  'data-stale',
  'questions',
  'stock-low',
  'product-fading',
  'product-hot-unpinned',
  'unpaid-orders',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'info' | 'act' | 'urgent';
export type CueStatus = 'active' | 'done' | 'snoozed' | 'dismissed' | 'expired';
export type CueAction = 'done' | 'snooze' | 'dismiss';

/** Evidence about one product (its id in Evidence.productId): stock, sell / click rates, CTR, conversion, unpaid orders. */
export const PRODUCT_EVIDENCE_METRICS = [
  'productStock',
  'productSellPerMin',
  'productClicksPerMin',
  'productCtr',
  'productConversion',
  'productUnpaid',
] as const;
export type ProductEvidenceMetric = (typeof PRODUCT_EVIDENCE_METRICS)[number];

export interface Evidence {
  metric:
    | MetricId
    | 'gpm'
    | 'uvValue'
    | 'productDwellSec'
    | 'sampleAgeSec'
    | 'askers'
    | ProductEvidenceMetric;
  /** The product the evidence is about (product rules). */
  productId?: string;
  from: number;
  to: number;
  windowSec: number;
}

export interface CueOutcome {
  metric: MetricId | 'gpm' | 'uvValue';
  before: number;
  after: number;
  /** (after − before) / before; 0 when before is 0. */
  lift: number;
}

export interface Cue {
  /** `${sessionId}:${ruleId}:${firedAt}` — a refold never duplicates a cue. */
  id: string;
  /** What a keyed rule's cue is about (the `questions` rule's topic): one active cue per rule and key. */
  key?: string;
  sessionId: string;
  ruleId: RuleId;
  firedAt: number;
  severity: Severity;
  /** i18n keys (lib/core/i18n/cueMessages.ts) with their params; rendered per locale by the faces and the CLI. */
  title: string;
  detail: string;
  params: Record<string, string | number>;
  evidence: Evidence[];
  countdownSec?: number;
  expiresAt: number;
  status: CueStatus;
  /** While snoozed: when the cue comes back. */
  snoozedUntil?: number;
  /** When the operator acted on it (done / dismiss). */
  actedAt?: number;
  outcome?: CueOutcome;
}

export interface PlanSlot {
  productId?: string;
  name: string;
  minutes: number;
}

/** The product on screen as a sample names it (the engine's view of the reading's `product`). */
export interface OnAirProduct {
  id?: string;
  name: string;
  price?: number;
}

export type EngineEvent =
  /** A sample's product table: the changed rows the worker stored (lib/core/products/productContract.ts). */
  | ProductsEvent
  | {
      kind: 'sample';
      ts: number;
      metrics: Partial<Record<MetricId, number | null>>;
      product?: OnAirProduct | null;
      ended?: boolean;
      /** The reader's own count of seconds no number on the page changed (ReaderHealth.frozenSec), when it sent one. */
      frozenSec?: number;
    }
  | { kind: 'tick'; ts: number }
  | { kind: 'action'; ts: number; cueId: string; action: CueAction; snoozeSec?: number }
  | { kind: 'plan'; ts: number; plan: PlanSlot[] }
  /**
   * One comment of the room's comment list. `topics` are what the session's classifier said when it was
   * stored; absent (a scenario, or a replay with other settings), the engine classifies it itself.
   */
  | { kind: 'comment'; ts: number; user: string; text: string; topics?: readonly CommentTopic[] }
  /** The product table's changed rows and the pinned product (lib/core/products/productContract.ts). */
  | ProductsEvent;

/**
 * `step` returns every cue that was created or changed by the event (a new cue, or one whose status or
 * outcome moved); storage upserts them by id. The state object is owned by the caller and may be mutated
 * in place for speed; the same events always give the same cues.
 */
export interface Engine<State> {
  init(sessionId: string, startedAt: number): State;
  step(state: State, event: EngineEvent): Cue[];
  /** What a comment asks under these settings' lexicon ([]: chatter); what `step` uses when none is given. */
  classifyComment(text: string): readonly CommentTopic[];
}
