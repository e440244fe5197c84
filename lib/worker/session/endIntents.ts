// The operator's End, kept where a worker restart cannot lose it until the ended session row is on disk.
// The session row goes through the write queue like every row; while the disk fails it waits in memory, and
// a worker restart would bring the session back open. So End also notes its intent (session id → end time)
// in extension storage (chrome.storage.local: it survives worker and browser restarts), and a room loaded
// later closes such a session before placing anything in it. The note goes once the row is durable.

/** Where the notes live: extension storage in the worker, memory in tests that need no restart. */
export interface EndIntentArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export const END_INTENTS_KEY = 'livecue-pending-ends';

export function memoryArea(): EndIntentArea {
  const items: Record<string, unknown> = {};
  return {
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (next) => void Object.assign(items, next),
  };
}

export class EndIntents {
  /** One write at a time, each from the latest state, so two Ends never overwrite each other's note. */
  private chain: Promise<unknown> = Promise.resolve();
  /** A read started before anyone asked (readAhead), taken by the first pending(). */
  private ahead: Promise<Record<string, unknown>> | undefined;

  constructor(private readonly area: EndIntentArea = memoryArea()) {}

  /**
   * Starts reading the notes now, so the first pending() finds them read: a restarted worker's first room
   * loads its sessions and these notes together, and storage answers after the database does (issue 19:
   * cold start → first stored sample). Only this object writes the notes, and every write asks pending()
   * first, so a read taken before any write is still the current state when it is taken.
   */
  readAhead(): void {
    const read = this.area.get(END_INTENTS_KEY);
    // A failed read ahead is not reported here: the first pending() reads again.
    read.catch(() => undefined);
    this.ahead = read;
  }

  /** Session id → the end time the operator gave it, for every End not yet durable. */
  async pending(): Promise<Map<string, number>> {
    const ahead = this.ahead;
    this.ahead = undefined;
    const items = ahead
      ? await ahead.catch(() => this.area.get(END_INTENTS_KEY))
      : await this.area.get(END_INTENTS_KEY);
    const raw = items[END_INTENTS_KEY];
    const out = new Map<string, number>();
    if (raw && typeof raw === 'object') {
      for (const [id, at] of Object.entries(raw))
        if (typeof at === 'number' && Number.isFinite(at)) out.set(id, at);
    }
    return out;
  }

  /** Notes an End; resolves true once it is kept, false when storage refused it (it then lives in memory only). */
  add(sessionId: string, endedAt: number): Promise<boolean> {
    return this.change((all) => all.set(sessionId, endedAt)).then(
      () => true,
      (error: unknown) => {
        console.error('Livecue: the End could not be kept for a restart', error);
        return false;
      },
    );
  }

  /** Drops the notes of sessions whose ended row is on disk (or that were deleted). */
  remove(sessionIds: readonly string[]): Promise<void> {
    return this.change((all) => {
      for (const id of sessionIds) all.delete(id);
    }).catch((error: unknown) => console.warn('Livecue: an End note stays until the next start', error));
  }

  private change(edit: (all: Map<string, number>) => void): Promise<void> {
    const run = this.chain.then(async () => {
      const all = await this.pending();
      edit(all);
      await this.area.set({ [END_INTENTS_KEY]: Object.fromEntries(all) });
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
