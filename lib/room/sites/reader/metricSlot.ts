import { stillLabelled } from '../../../core/metrics/labelIndex';
import type { MetricId } from '../../../core/metrics/metricCatalog';
import type { ParsedMetric } from '../../../core/metrics/parseMetricText';
import { type MetricLocation, parseAt } from '../locateMetrics';
import { type FrameCheck, newSettleState, type PageMotion, type SettleState, settle } from '../valueSettle';
import { planValue, type ValuePlan, type ValueView } from '../valueView';

// One metric the reader has found: where it sits, how to read it as it shows, and whether its last text has
// settled. Reading a slot touches only its cached nodes; a slot whose label went away is dropped by the reader.

export interface MetricSlot {
  location: MetricLocation;
  plan: ValuePlan;
  view: ValueView;
  /** Something moved inside the value: a roller's geometry must be read again. */
  dirty: boolean;
  settle: SettleState;
  text: string | null;
  parsed: ParsedMetric | null;
}

/** A slot for a location just found; `probation`: found on the first look, so its first text waits to hold still. */
export function newSlot(
  location: MetricLocation,
  at: number,
  motion: PageMotion,
  probation: boolean,
  readNo: number,
): MetricSlot {
  const plan = planValue(location.source);
  const view = plan.read();
  return {
    location,
    plan,
    view,
    dirty: false,
    settle: newSettleState(view, at, motion, probation, readNo),
    text: null,
    parsed: null,
  };
}

/** The value is still on the page and its label still names this metric (a re-rendered tile does not). */
export function slotHolds(location: MetricLocation): boolean {
  const { source, label, labelText, match } = location;
  if (!source.isConnected) return false;
  if (!label) return true;
  if (!label.isConnected) return false;
  return label.data === labelText || (match !== null && stillLabelled(label.data, match));
}

export interface SlotReading {
  /** The settled value's parse; null while nothing settled yet. */
  parsed: ParsedMetric | null;
  /** The text on screen changed since the last read. */
  changed: boolean;
  /** A newer text is still moving. */
  waiting: boolean;
}

/** Reads a slot at sample time `at`; `frames` says whether the page drew frames since a read, so an animating value that only looks still is held back. */
export function readSlot(
  id: MetricId,
  slot: MetricSlot,
  at: number,
  motion: PageMotion,
  frames: FrameCheck,
): SlotReading {
  if (slot.plan.stale()) {
    slot.plan = planValue(slot.location.source);
    slot.dirty = true;
  }
  // Plain text is read every time (microseconds); a roller's geometry only after something moved.
  const view = slot.dirty || !slot.plan.geometric ? slot.plan.read() : slot.view;
  slot.view = view;
  slot.dirty = false;
  const settled = settle(slot.settle, view, at, motion, frames);
  const reading = { parsed: null, changed: settled.changed, waiting: settled.waiting };
  if (settled.text === null) return reading;
  if (settled.text !== slot.text || !slot.parsed) {
    slot.text = settled.text;
    slot.parsed = parseAt(settled.text, id, slot.location.match);
  }
  return { ...reading, parsed: slot.parsed };
}
