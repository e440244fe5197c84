import type { Cue } from '../engine/types';
import { metricIdSchema } from '../metrics/metricIdSchema';
import type { Settings } from '../settings/settingsSchema';
import { z } from '../zodMini';
import type { StatusAnswer } from './statusAnswer';

// Commands the pages (side panel, sessions, options, review) send to the background, the only writer, and
// what each is answered with: one map from command to answer, so the background must produce what the
// pages read (lib/ui/sendCommand.ts sends them typed).

// Built on first use, not at import: the worker's start (issue 19) needs no command schema before the
// sample it was woken for is stored.
function buildCommandSchema() {
  const id = z.string().check(z.minLength(1), z.maxLength(400));
  /** A web origin (`https://host[:port]`), the unit Livecue is enabled on for dashboards no adapter knows. */
  const origin = z.string().check(z.maxLength(300), z.regex(/^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/i));
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('cue.done'), cueId: id }),
    z.object({
      type: z.literal('cue.snooze'),
      cueId: id,
      snoozeSec: z._default(z.int().check(z.minimum(10), z.maximum(3600)), 120),
    }),
    z.object({ type: z.literal('cue.dismiss'), cueId: id }),
    /** The operator ends a live session (the panel's End button); the room's next reading starts a new one. */
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
}

type CommandSchema = ReturnType<typeof buildCommandSchema>;
let built: CommandSchema | undefined;

/** The schema of every command (built once, on the first call). */
export function commandSchema(): CommandSchema {
  built ??= buildCommandSchema();
  return built;
}
export type Command = z.infer<CommandSchema>;
export type CommandInput = z.input<CommandSchema>;
export type CommandType = Command['type'];

/** Rows of each table, by session and in total. */
export interface ImportCounts {
  sessions: number;
  samples: number;
  comments: number;
  actions: number;
  cues: number;
  /** Product snapshots and pin changes (absent from answers of builds before products). */
  products?: number;
}

export interface ImportAnswer {
  /** What the import wrote: rows missing here. */
  added: ImportCounts;
  /** Rows of the file that were here already and were left as they are. */
  alreadyHere: ImportCounts;
  /** Sessions the file held open, stored closed (an import never opens a session). */
  closed: number;
  /** Every session of the file. */
  sessionIds: string[];
}

/**
 * `saved` in an answer: its rows are on disk. False while writes are failing: they are kept in memory until
 * they land (the status says so), and the command does not wait for the disk.
 */
export interface CommandAnswers {
  /** The cue as it stands after the action. */
  'cue.done': { cue: Cue | null; saved: boolean };
  'cue.snooze': { cue: Cue | null; saved: boolean };
  'cue.dismiss': { cue: Cue | null; saved: boolean };
  'session.end': { sessionId: string; endedAt: number; saved: boolean };
  'settings.update': Settings;
  'settings.reset': Settings;
  'history.import': ImportAnswer;
  'history.delete': { deleted: number };
  /** The tab whose room page shows the picker. */
  'picker.start': { tabId?: number };
  'overlay.toggle': { enabled: boolean };
  'status.get': StatusAnswer;
  /** The sites read on request, and whether the page's tab was started at once. */
  'site.enable': { sites: EnabledSite[]; started: boolean };
  'site.remove': { sites: EnabledSite[] };
  'site.list': { sites: EnabledSite[] };
}

/** A site Livecue reads on request (beyond the platforms it knows). */
export interface EnabledSite {
  origin: string;
  /** Its content script is registered (false only when registering failed). */
  registered: boolean;
}

export type CommandResult<T extends CommandType = CommandType> =
  | { ok: true; data: CommandAnswers[T] }
  | { ok: false; error: string };
