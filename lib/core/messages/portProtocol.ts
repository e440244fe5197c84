import type { MetricId } from '../metrics/metricCatalog';
import { z } from '../zodMini';
import { MAX_SAMPLES_PER_MESSAGE } from './roomPortConstants';
import { metricIdSchema, sampleSchema } from './sample';

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
