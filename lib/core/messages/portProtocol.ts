import type { MetricId } from '../metrics/metricCatalog';
import { metricIdSchema } from '../metrics/metricIdSchema';
import { z } from '../zodMini';
import { MAX_SAMPLES_PER_MESSAGE } from './roomPortConstants';
import { type Sample, sampleSchema } from './sample';

// Messages on the `livecue-room` runtime Port between a room's content script and the background.

export { ROOM_PORT_NAME, SAMPLE_REFUSALS, type SampleRefusal } from './roomPortConstants';

import type { SampleRefusal } from './roomPortConstants';

export const roomToBackgroundSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('samples'),
    samples: z.array(sampleSchema).check(z.minLength(1), z.maxLength(MAX_SAMPLES_PER_MESSAGE)),
  }),
  z.object({
    type: z.literal('binding.picked'),
    site: z.string().check(z.minLength(1), z.maxLength(64)),
    metric: metricIdSchema,
    selector: z.string().check(z.minLength(1), z.maxLength(1000)),
  }),
]);
export type RoomToBackground = z.infer<typeof roomToBackgroundSchema>;

const seqOnly = z.object({ seq: z.int().check(z.nonnegative()) });

/**
 * The samples of a `samples` message that failed validation as a whole, one by one: the valid ones, and
 * the seqs of the others, so each is refused rather than left to be covered by a later ack. null: not a
 * samples message at all, or one whose samples carry no seq to answer. Past MAX_SAMPLES_PER_MESSAGE nothing
 * is looked at: `unseenFrom` is the lowest seq left unseen, which no ack may cover.
 */
export function sortSamples(
  raw: unknown,
): { samples: Sample[]; invalid: number[]; unseenFrom?: number } | null {
  const list = (raw as { type?: unknown; samples?: unknown } | null)?.samples;
  if ((raw as { type?: unknown } | null)?.type !== 'samples' || !Array.isArray(list)) return null;
  const samples: Sample[] = [];
  const invalid: number[] = [];
  for (const item of list.slice(0, MAX_SAMPLES_PER_MESSAGE)) {
    const sample = sampleSchema.safeParse(item);
    if (sample.success) samples.push(sample.data);
    else {
      const seq = seqOnly.safeParse(item);
      if (seq.success) invalid.push(seq.data.seq);
    }
  }
  let unseenFrom: number | undefined;
  for (const item of list.slice(MAX_SAMPLES_PER_MESSAGE)) {
    const seq = seqOnly.safeParse(item);
    if (seq.success && !(seq.data.seq >= (unseenFrom ?? Number.POSITIVE_INFINITY))) unseenFrom = seq.data.seq;
  }
  if (!samples.length && !invalid.length) return null;
  return unseenFrom === undefined ? { samples, invalid } : { samples, invalid, unseenFrom };
}

export type BackgroundToRoom =
  /**
   * Every sample with seq ≤ upTo is answered: stored durably, or refused (a `refused` message came first).
   * The content script drops them from its resend buffer.
   */
  | { type: 'ack'; upTo: number }
  /** These samples will never be stored, for this reason; the page shows it in its link health. */
  | { type: 'refused'; seqs: number[]; reason: SampleRefusal }
  /**
   * Whether this tab is a duplicate of the room: another tab (`feedingTabId`) feeds its session and this
   * one's readings are refused until that tab closes or goes quiet.
   */
  | { type: 'room.duplicate'; duplicate: boolean; feedingTabId?: number }
  | { type: 'picker.start'; metric: MetricId }
  | { type: 'overlay.set'; enabled: boolean }
  /** The operator's picked elements for this site, used before labels. */
  | { type: 'bindings'; bindings: Partial<Record<MetricId, string>> }
  /** The cue the in-page overlay shows, already rendered in the user's language (null: none active). */
  | { type: 'overlay.cue'; cue: OverlayCue | null };

export interface OverlayCue {
  id: string;
  ruleId: string;
  severity: 'info' | 'act' | 'urgent';
  title: string;
  detail: string;
  /** Epoch ms the countdown ends, when the cue has one. */
  countdownEndsAt?: number;
}
