import type { CommentTopic } from '../core/comments/commentTopics';
import type { Cue, CueAction, PlanSlot } from '../core/engine/types';
import type { MetricValues, Product, ReaderHealth } from '../core/messages/sample';
import type { MetricId } from '../core/metrics/metricCatalog';

// Row shapes of the Dexie database `livecue` (DESIGN.md §5). Only the background writes them.

export interface SessionRow {
  /** `${site}:${roomKey}:${startedAt}` */
  id: string;
  site: string;
  roomKey: string;
  title: string;
  startedAt: number;
  endedAt?: number;
  /**
   * `imported`: the file held the session open; an import never opens one. `clock-set-back`: the room's
   * readings came dated inside its recorded time (the computer's clock went back), so a new session took them.
   */
  endReason?: 'room-ended' | 'operator' | 'silence' | 'imported' | 'clock-set-back';
  /**
   * When this computer took the session in from an import file (wall ms). Imported history is closed
   * history: it never decides where a live reading goes, and retention counts its age from here.
   */
  importedAt?: number;
  lastSampleAt: number;
  /** Wall clock minus sample clock at the last sample, so pages can run countdowns on the session's clock. */
  clockOffsetMs?: number;
  /** Rule parameters in force for this session, so a refold or a replay gives the same cues. */
  ruleSettings: Record<string, unknown>;
  /** Running summary kept by the background for the sessions page. */
  peakViewers: number | null;
  gmv: number | null;
  cuesFired: number;
  cuesActed: number;
  /** Comments read from the room's comment list and stored (absent on sessions stored before v3: 0). */
  commentCount?: number;
}

export interface SampleRow {
  sessionId: string;
  ts: number;
  metrics: MetricValues;
  capped?: MetricId[];
  product?: Product | null;
  health?: ReaderHealth;
  /** Who sent it: `page:seq` of the reading (absent on rows of senders that gave no page). */
  src?: string;
}

/** One comment of the room's comment list, filed in the session it was read in. */
export interface CommentRow {
  sessionId: string;
  /** Epoch ms the reader saw it; unique in a session (the page makes them strictly increasing). */
  ts: number;
  /** The commenter's name as shown ('' when the row shows none). */
  user: string;
  text: string;
  /** What it asks, by the session's classifier when it was stored (empty: chatter). */
  topics: CommentTopic[];
  /** Who sent it: `page:seq:index` of the reading that carried it (absent when the sender gave no page). */
  src?: string;
}

export type ActionRow =
  | {
      id: string;
      sessionId: string;
      ts: number;
      type: 'cue';
      cueId: string;
      action: CueAction;
      snoozeSec?: number;
    }
  | { id: string; sessionId: string; ts: number; type: 'plan'; plan: PlanSlot[] }
  /** Time passing with no sample, as fed to the engine live; stored so a refold or replay sees it too. */
  | { id: string; sessionId: string; ts: number; type: 'tick' };

export type CueRow = Cue;

/** `settings`: the user's settings; `retention`: what the last retention run removed (retentionReport.ts). */
export interface SettingsRow {
  key: 'settings' | 'retention';
  value: unknown;
}
