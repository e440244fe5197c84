import { z } from '../zodMini';
import { metricIdSchema } from './sample';

// Commands the pages (side panel, popup, options, review) send to the background, the only writer.
// Each is answered with CommandResult.

const id = z.string().check(z.minLength(1), z.maxLength(400));
/** A web origin (`https://host[:port]`), the unit Livecue is enabled on for dashboards no adapter knows. */
const origin = z.string().check(z.maxLength(300), z.regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i));

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
  /** Read this origin from now on (its permission was just granted by a click) and start on the tab now. */
  z.object({ type: z.literal('site.enable'), origin, tabId: z.optional(z.int()) }),
  /** Stop reading this origin: its content script and its permission both go. */
  z.object({ type: z.literal('site.remove'), origin }),
  z.object({ type: z.literal('site.list') }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandInput = z.input<typeof commandSchema>;

export type CommandResult = { ok: true; data?: unknown } | { ok: false; error: string };
