import type { Cue, CueAction, PlanSlot } from '../../core/engine/types';
import type { Sample } from '../../core/messages/sample';
import type { UnreadRoom } from '../../core/messages/statusAnswer';
import type { ProductRanking } from '../../core/products/rankProducts';
import type { LivecueDb } from '../../store/database';
import type { SessionRow } from '../../store/rows';
import type { WriteQueue } from '../writeQueue';
import { DEFAULT_SESSION_TIMING, type SessionTiming } from './decideSession';
import type { EndIntents } from './endIntents';
import { type ClockSetBack, type CueChange, RoomCache, type RoomRefusals } from './roomCache';
import { type Filed, SampleFiling } from './sampleFiling';
import { SessionCommands } from './sessionCommands';

// The one owner of sessions in the worker (DESIGN.md §1, §5), in three parts over one room cache
// (roomCache.ts: the rooms' sessions, engines and work chains): the path of a sample (sampleFiling.ts),
// commands and time (sessionCommands.ts), and the queries below. All writes go to the write queue and are
// never awaited inside a room's chain, so a failing disk stops nobody: it only delays acknowledgements.
// After a worker restart every cache is rebuilt from the database, and the pages resend what was never
// acknowledged.

export type { ClockSetBack, CueChange, Filed, RoomRefusals };

export interface RegistryOptions {
  /** Rule settings frozen into each new session (so its refold and replay agree), and the run-of-show. */
  settings(): Promise<{ rules: Record<string, unknown>; plan: PlanSlot[] }>;
  timing?: Partial<SessionTiming>;
  wallNow?: () => number;
  /** Where the operator's End is noted until its row is durable (memory when not given: tests). */
  endIntents?: EndIntents;
}

export class SessionRegistry {
  private readonly cache: RoomCache;
  private readonly filing: SampleFiling;
  private readonly commands: SessionCommands;

  constructor(db: LivecueDb, queue: WriteQueue, options: RegistryOptions) {
    const timing = { ...DEFAULT_SESSION_TIMING, ...options.timing };
    const wallNow = options.wallNow ?? Date.now;
    this.cache = new RoomCache(db, queue, options.endIntents);
    this.filing = new SampleFiling(this.cache, { settings: options.settings, timing, wallNow });
    this.commands = new SessionCommands(this.cache, timing, wallNow);
  }

  /** Subscribes to cue changes (the overlay, the toolbar badge, notifications); returns the unsubscribe. */
  onCueChange(listener: (change: CueChange) => void): () => void {
    return this.cache.onCueChange(listener);
  }

  // ── The path of a sample ──
  /** Places a batch of samples; answers at once which are refused, and when the rest are durable. */
  ingest(samples: readonly Sample[]): Promise<Filed> {
    return this.filing.ingest(samples);
  }

  // ── Commands and time ──
  act(
    cueId: string,
    action: CueAction,
    snoozeSec?: number,
  ): Promise<{ cue: Cue | null; durable: Promise<void> }> {
    return this.commands.act(cueId, action, snoozeSec);
  }
  setPlan(plan: PlanSlot[]): Promise<void> {
    return this.commands.setPlan(plan);
  }
  tick(): Promise<void> {
    return this.commands.tick();
  }
  end(sessionId: string): Promise<{ session: SessionRow; durable: Promise<void>; kept: Promise<boolean> }> {
    return this.commands.end(sessionId);
  }
  forget(sessionIds: readonly string[]): Promise<void> {
    return this.commands.forget(sessionIds);
  }
  imported(sessions: readonly SessionRow[]): Promise<void> {
    return this.commands.imported(sessions);
  }

  // ── What the pages and the overlay ask ──
  /**
   * The room's active cues. A session a restarted worker loaded to file a reading folds first, in the room's
   * chain, once it has read the rest of its rows.
   */
  async activeCuesOf(site: string, roomKey: string): Promise<Cue[]> {
    const engine = this.cache.openEngine(site, roomKey);
    if (!engine) return [];
    if (!engine.awaitingFold) return engine.activeCues();
    return this.cache.inRoom(site, roomKey, async () => {
      const open = this.cache.openEngine(site, roomKey);
      if (!open) return [];
      await this.cache.firstFold(open);
      return open.activeCues();
    });
  }

  /** The room's open session as the worker holds it. */
  liveRow(site: string, roomKey: string): SessionRow | undefined {
    return this.cache.openEngine(site, roomKey)?.row;
  }

  /**
   * A session's product list ranked from its engine's book, as the side panel shows it; undefined when no
   * engine of it is folded here (the panel then ranks the stored rows itself).
   */
  productRanking(sessionId: string): ProductRanking | null | undefined {
    for (const room of this.cache.rooms.values()) {
      const engine = room.engines.get(sessionId);
      if (engine) return engine.productRanking();
    }
    return undefined;
  }

  /** Whether a session's engine holds a product list it has not folded yet (its first fold is reading). */
  productsReading(sessionId: string): boolean {
    for (const room of this.cache.rooms.values()) {
      const engine = room.engines.get(sessionId);
      if (engine) return engine.productsReading();
    }
    return false;
  }

  /** The ids of the open sessions whose engines are in memory (a panel that connects is sent their lists). */
  liveSessionIds(): string[] {
    const ids: string[] = [];
    for (const room of this.cache.rooms.values()) {
      for (const engine of room.engines.values())
        if (engine.row.endedAt === undefined) ids.push(engine.row.id);
    }
    return ids;
  }

  unreadRooms(): UnreadRoom[] {
    return this.filing.unreadRooms();
  }

  /** The latest refusal of each room that had one. */
  refusals(): RoomRefusals[] {
    return [...this.cache.rooms.values()].flatMap((room) => (room.refusals ? [room.refusals] : []));
  }

  /** Rooms whose clock went back under a session this worker's life, the latest time of each. */
  clockSetBacks(): ClockSetBack[] {
    return [...this.cache.rooms.values()].flatMap((room) => (room.clockSetBack ? [room.clockSetBack] : []));
  }

  liveCount(): number {
    return this.liveSessionIds().length;
  }
}
