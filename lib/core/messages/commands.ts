import { z } from '../zodMini';
import { metricIdSchema } from './sample';

// Commands the pages (side panel, popup, options, review) send to the background, the only writer.
// Each is answered with CommandResult.

const id = z.string().check(z.minLength(1), z.maxLength(400));

export const commandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cue.done'), cueId: id }),
  z.object({
    type: z.literal('cue.snooze'),
    cueId: id,
    snoozeSec: z._default(z.int().check(z.minimum(10), z.maximum(3600)), 120),
  }),
  z.object({ type: z.literal('cue.dismiss'), cueId: id }),
  z.object({ type: z.literal('session.end'), sessionId: id }),
  /** A partial settings object; the background merges and validates it against the settings schema. */
  z.object({ type: z.literal('settings.update'), patch: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('settings.reset'), section: z.optional(z.string().check(z.maxLength(100))) }),
  /** The JSON text of an export file; validated fully before anything is written. */
  z.object({ type: z.literal('history.import'), json: z.string().check(z.maxLength(512 * 1024 * 1024)) }),
  z.object({ type: z.literal('history.delete'), sessionIds: z.array(id).check(z.minLength(1)) }),
  z.object({ type: z.literal('picker.start'), metric: metricIdSchema, tabId: z.optional(z.int()) }),
  z.object({ type: z.literal('overlay.toggle'), enabled: z.boolean() }),
  z.object({ type: z.literal('status.get') }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandInput = z.input<typeof commandSchema>;

export type CommandResult = { ok: true; data?: unknown } | { ok: false; error: string };
