import { z } from '../zodMini';
import { metricIdSchema, sampleSchema } from './sample';

// Messages on the `livecue-room` runtime Port between a room's content script and the background.

import { MAX_SAMPLES_PER_MESSAGE } from './roomPortConstants';

export { ROOM_PORT_NAME } from './roomPortConstants';

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
  /** Every sample with seq ≤ upTo is stored (or queued for a retried write): drop it from the resend buffer. */
  | { type: 'ack'; upTo: number }
  | { type: 'picker.start'; metric: import('../metrics/metricCatalog').MetricId }
  | { type: 'picker.cancel' }
  | { type: 'overlay.set'; enabled: boolean }
  /** The operator's picked elements for this site, used before labels. */
  | { type: 'bindings'; bindings: Partial<Record<import('../metrics/metricCatalog').MetricId, string>> }
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
