import type { RoomComment } from '../../core/comments/roomComment';
import { createEngine } from '../../core/engine/createEngine';
import { byTimeThenId, firstAtOrAfter } from '../../core/engine/eventOrder';
import type { Cue, EngineEvent } from '../../core/engine/types';
import type { ProductTableReading } from '../../core/products/productContract';
import type { ProductRanking } from '../../core/products/rankProducts';
import { rankRoomProducts } from '../../core/products/roomRanking';
import type { ProductLatestRow, ProductPinRow, ProductSnapshotRow } from '../../store/productRows';
import type { ActionRow, CommentRow, SampleRow, SessionRow } from '../../store/rows';
import { type FiledProducts, ProductLedger } from './productLedger';
import { actionEvent, commentEvent, sampleEvent, sessionEvents } from './sessionEvents';

// One session held in the worker's memory: its stored events, the engine state folded from them, and the
// cues as they stand. Everything here can be rebuilt from the database (a refold), so nothing in it must
// survive a worker restart. The constructor throws when the session's rule settings build no engine.
//
// A session loaded to file a sample can wait for its first fold (`foldLater`): a restarted worker then
// stores the sample it was woken for without refolding the whole session first (issue 19: cold start →
// first stored sample). Until then readings are slotted in as late ones are, and anything that reads the
// folded state (cues, the event clock, an action) folds it first, so nothing ever sees an unfolded engine.

type EngineOf = ReturnType<typeof createEngine>;
type StateOf = ReturnType<EngineOf['init']>;

/** What a sample row holds besides its key: for a sender that names no page, equal readings are one. */
const readingOf = (row: SampleRow) =>
  JSON.stringify([row.metrics, row.capped ?? null, row.product ?? null, row.health ?? null]);

/**
 * Whether a held row is the incoming one sent again. A sender that names itself (page load + seq) is
 * believed: the same source is a resend, another is a new row whatever it says. A sender that names no page
 * (older stored rows, tests) falls back to equal content at one time.
 */
const sameSample = (held: SampleRow, incoming: SampleRow) =>
  incoming.src !== undefined ? held.src === incoming.src : readingOf(held) === readingOf(incoming);
const sameComment = (held: CommentRow, incoming: RoomComment & { src?: string }) =>
  incoming.src !== undefined
    ? held.src === incoming.src
    : held.src === undefined && held.user === incoming.user && held.text === incoming.text;

export interface FiledComments {
  /** Rows to write: each new comment at the time it was filed, with the topics it asks. */
  filed: CommentRow[];
  /** Comments already held at their time (a resend). */
  held: CommentRow[];
  changed: Cue[];
}

export interface FiledSamples {
  /** Rows to write: each new reading at the time it was filed. */
  filed: SampleRow[];
  /** Readings already held at their time (a resend). */
  held: SampleRow[];
  /** Cues created or changed. */
  changed: Cue[];
}

/** A session's stored product rows. */
export interface StoredProducts {
  snapshots: readonly ProductSnapshotRow[];
  pins: readonly ProductPinRow[];
  /** Each product's stored latest values (v6): with them, `snapshots` may be only the recent ones. */
  latest?: readonly ProductLatestRow[];
}

/** Whether two cues are the same in every field (a cue row as stored against one refolded). */
function sameCue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key) =>
    sameCue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

export interface LiveSessionOptions {
  /** Leave the first fold for later (foldAgainst, or the first read of the folded state). */
  foldLater?: boolean;
  /**
   * The stored samples and comments dated before this time were not read (loadSessionTail): the session
   * files readings dated at or after it, and folds only once takeEarlier brought the rest. Implies foldLater.
   */
  heldFrom?: number;
  /** The engine of the row's rule settings, built beforehand (RoomCache.engineFor builds it while it reads). */
  engine?: EngineOf;
}

export class LiveSession {
  readonly engine: EngineOf;
  /** Built by each fold (refold), not before: a session waiting for its first fold has none yet. */
  private state: StateOf | undefined;
  /** Sorted by ts, one per ts. */
  samples: SampleRow[];
  readonly actions: ActionRow[];
  /** Sorted by ts, one per ts. */
  comments: CommentRow[];
  private readonly cueMap = new Map<string, Cue>();
  /** The room's product list as filed: snapshots, pin changes, each product's latest values. */
  readonly products: ProductLedger;
  private lastTs: number;
  /** Samples were slotted in before what the engine has seen: the state waits for a refold (settle). */
  private stale = false;
  /** The first fold has not run yet (foldLater). */
  private unfolded = false;
  /** Cues a first fold found changed, waiting for the next settle to queue them. */
  private unsettled: Cue[] = [];
  /** Stored samples and comments before this time are not held yet (see LiveSessionOptions.heldFrom). */
  private from: number | undefined;

  constructor(
    public row: SessionRow,
    samples: readonly SampleRow[],
    actions: readonly ActionRow[],
    comments: readonly CommentRow[] = [],
    products: StoredProducts = { snapshots: [], pins: [] },
    options: LiveSessionOptions = {},
  ) {
    this.engine = options.engine ?? createEngine(row.ruleSettings);
    this.products = new ProductLedger(row.id, products.snapshots, products.pins, products.latest);
    this.samples = samples.slice().sort((a, b) => a.ts - b.ts);
    this.actions = actions.slice().sort(byTimeThenId);
    this.comments = comments.slice().sort((a, b) => a.ts - b.ts);
    this.lastTs = row.startedAt;
    this.from = options.heldFrom;
    if (options.foldLater || options.heldFrom !== undefined) {
      // Stale until folded: whatever is filed meanwhile is slotted in, never stepped on an empty state.
      this.unfolded = true;
      this.stale = true;
    } else {
      this.refold();
    }
  }

  /** Every cue as it stands, by id (folds a session still waiting for its first fold). */
  get cues(): ReadonlyMap<string, Cue> {
    this.foldNow();
    return this.cueMap;
  }

  /** Time of the newest event folded into the engine (folds a session still waiting for its first fold). */
  get lastEventTs(): number {
    this.foldNow();
    return this.lastTs;
  }

  /** The first fold has not run yet: the cues and the event clock are not known. */
  get awaitingFold(): boolean {
    return this.unfolded;
  }

  /**
   * The time before which the session's stored samples and comments are not held yet (undefined: it holds
   * them all). Until takeEarlier, it files readings dated at or after it and cannot fold.
   */
  get heldFrom(): number | undefined {
    return this.from;
  }

  /**
   * The stored samples and comments dated before heldFrom (loadSessionHead): taken in under what the
   * session holds (a row it holds at a time wins: it is newer than the disk), so the session is whole.
   */
  takeEarlier(
    samples: readonly SampleRow[],
    comments: readonly CommentRow[],
    productSnapshots: readonly ProductSnapshotRow[] = [],
  ): void {
    const from = this.from;
    if (from === undefined) return;
    this.from = undefined;
    // Older than every value the ledger holds for their fields: they fill its history, not its latest values.
    this.products.merge(
      productSnapshots.filter((row) => row.ts < from),
      [],
    );
    const heldTs = new Set(this.samples.map((row) => row.ts));
    const earlier = samples.filter((row) => row.ts < from && !heldTs.has(row.ts));
    if (earlier.length) this.samples = earlier.concat(this.samples).sort((a, b) => a.ts - b.ts);
    const heldCommentTs = new Set(this.comments.map((row) => row.ts));
    const earlierComments = comments.filter((row) => row.ts < from && !heldCommentTs.has(row.ts));
    if (earlierComments.length)
      this.comments = earlierComments.concat(this.comments).sort((a, b) => a.ts - b.ts);
  }

  /**
   * The first fold of a session loaded with foldLater. `stored`: the session's cue rows on disk; only cues
   * that differ from them count as changed (without them, every cue does). The next settle returns them.
   */
  foldAgainst(stored?: readonly Cue[]): void {
    if (!this.unfolded) return;
    this.checkWhole();
    this.unfolded = false;
    const cues = this.refold();
    const before = new Map(stored?.map((cue) => [cue.id, cue]));
    this.unsettled = stored ? cues.filter((cue) => !sameCue(before.get(cue.id), cue)) : cues;
  }

  private foldNow(): void {
    if (this.unfolded) this.foldAgainst();
  }

  /** A row dated before heldFrom could have a stored twin this session does not hold: never filed so. */
  private checkHeld(ts: number): void {
    if (this.from !== undefined && ts < this.from)
      throw new Error(`Session ${this.row.id} got a row dated before the rows it read (takeEarlier first)`);
  }

  /** A fold over part of the session would fire cues the whole session never fires (and store them). */
  private checkWhole(): void {
    if (this.from !== undefined)
      throw new Error(`Session ${this.row.id} folded before its earlier rows were read (takeEarlier)`);
  }

  /** Rebuilds the engine from every held event; returns every cue as it now stands. */
  refold(): Cue[] {
    this.checkWhole();
    this.unfolded = false;
    this.stale = false;
    this.state = this.engine.init(this.row.id, this.row.startedAt);
    this.cueMap.clear();
    this.lastTs = this.row.startedAt;
    const products = this.products.events();
    for (const event of sessionEvents(this.samples, this.actions, this.comments, products)) this.apply(event);
    return [...this.cueMap.values()];
  }

  private apply(event: EngineEvent): Cue[] {
    // Nothing steps a session before its first fold (it is stale until then), so a state is always here.
    if (!this.state) throw new Error(`Session ${this.row.id} stepped before its first fold`);
    const changed = this.engine.step(this.state, event);
    for (const cue of changed) this.cueMap.set(cue.id, cue);
    if (event.ts > this.lastTs) this.lastTs = event.ts;
    return changed;
  }

  /**
   * Files readings in the session. A reading already held at its time is a resend; a different reading
   * at a time already taken (two in one millisecond) is filed at the next free millisecond, so neither is
   * lost and a resend of either finds its twin. Readings in order are folded at once; one older than what
   * the engine has seen is slotted in and the session waits for one refold (settle), however many came.
   */
  addSamples(rows: readonly SampleRow[]): FiledSamples {
    const filed: SampleRow[] = [];
    const held: SampleRow[] = [];
    const changed = new Map<string, Cue>();
    for (const incoming of rows) {
      this.checkHeld(incoming.ts);
      let ts = incoming.ts;
      let at = firstAtOrAfter(this.samples, ts);
      let twin = false;
      while (this.samples[at]?.ts === ts) {
        if (sameSample(this.samples[at]!, incoming)) {
          twin = true;
          break;
        }
        ts += 1;
        at += 1;
      }
      if (twin) {
        held.push(this.samples[at]!);
        continue;
      }
      const row = ts === incoming.ts ? incoming : { ...incoming, ts };
      this.samples.splice(at, 0, row);
      filed.push(row);
      if (!this.stale && at === this.samples.length - 1 && row.ts >= this.lastTs) {
        for (const cue of this.apply(sampleEvent(row))) changed.set(cue.id, cue);
      } else {
        this.stale = true;
      }
    }
    return { filed, held, changed: [...changed.values()] };
  }

  /**
   * Files comments like readings: the same comment from the same sender (`src`: its reading's page load,
   * seq and place) is a resend; any other comment at a time already taken moves to the next free
   * millisecond. Each new one is classified by the session's lexicon and folded (in order at once, else
   * after one refold).
   */
  addComments(comments: readonly (RoomComment & { src?: string })[]): FiledComments {
    const filed: CommentRow[] = [];
    const held: CommentRow[] = [];
    const changed = new Map<string, Cue>();
    for (const comment of comments) {
      this.checkHeld(comment.ts);
      let ts = comment.ts;
      let at = firstAtOrAfter(this.comments, ts);
      let twin: CommentRow | undefined;
      while (this.comments[at]?.ts === ts) {
        const here = this.comments[at]!;
        if (sameComment(here, comment)) {
          twin = here;
          break;
        }
        ts += 1;
        at += 1;
      }
      if (twin) {
        held.push(twin);
        continue;
      }
      const row: CommentRow = {
        sessionId: this.row.id,
        ts,
        user: comment.user,
        text: comment.text,
        topics: [...this.engine.classifyComment(comment.text)],
        ...(comment.src !== undefined && { src: comment.src }),
      };
      this.comments.splice(at, 0, row);
      filed.push(row);
      if (!this.stale && at === this.comments.length - 1 && ts >= this.lastTs) {
        for (const cue of this.apply(commentEvent(row))) changed.set(cue.id, cue);
      } else {
        this.stale = true;
      }
    }
    return { filed, held, changed: [...changed.values()] };
  }

  /** Whether the session already holds this reading (a resend of it), at its time or just after. */
  holds(incoming: SampleRow): boolean {
    this.checkHeld(incoming.ts);
    for (let at = firstAtOrAfter(this.samples, incoming.ts); at < this.samples.length; at++) {
      const held = this.samples[at]!;
      if (held.ts > incoming.ts + 1000) return false;
      if (sameSample(held, incoming)) return true;
    }
    return false;
  }

  /**
   * Files a sample's product table at the time the sample was filed (right after it): only what changed.
   * In order it is folded at once; a late one waits for the refold like a late sample.
   */
  addProducts(ts: number, reading: ProductTableReading): FiledProducts & { changed: Cue[] } {
    const filed = this.products.file(ts, reading);
    let changed: Cue[] = [];
    if (filed.late) this.stale = true;
    else if (filed.event && !this.stale && ts >= this.lastTs) changed = this.apply(filed.event);
    else if (filed.event) this.stale = true;
    return { ...filed, changed };
  }

  /**
   * Refolds when samples were slotted in; returns every cue then, or those a first fold found changed (none
   * when nothing was waiting). A session still waiting for its first fold is left so.
   */
  settle(): Cue[] {
    if (this.unfolded) return [];
    if (this.stale) {
      this.unsettled = [];
      return this.refold();
    }
    const changed = this.unsettled;
    this.unsettled = [];
    return changed;
  }

  addAction(action: ActionRow): Cue[] {
    this.foldNow();
    this.actions.push(action);
    if (!this.stale && action.ts >= this.lastTs) return this.apply(actionEvent(action));
    this.actions.sort(byTimeThenId);
    return this.refold();
  }

  /** Adds stored rows this session did not hold (an import added them); refolds when any were new. */
  merge(
    samples: readonly SampleRow[],
    actions: readonly ActionRow[],
    comments: readonly CommentRow[] = [],
    products: StoredProducts = { snapshots: [], pins: [] },
  ): Cue[] {
    this.foldNow();
    const newProducts = this.products.merge(products.snapshots, products.pins);
    const heldTs = new Set(this.samples.map((s) => s.ts));
    const heldIds = new Set(this.actions.map((a) => a.id));
    const heldCommentTs = new Set(this.comments.map((c) => c.ts));
    const newSamples = samples.filter((s) => !heldTs.has(s.ts));
    const newActions = actions.filter((a) => !heldIds.has(a.id));
    const newComments = comments.filter((c) => !heldCommentTs.has(c.ts));
    if (!newProducts && newSamples.length === 0 && newActions.length === 0 && newComments.length === 0) {
      return [];
    }
    this.samples.push(...newSamples);
    this.samples.sort((a, b) => a.ts - b.ts);
    this.actions.push(...newActions);
    this.actions.sort(byTimeThenId);
    this.comments.push(...newComments);
    this.comments.sort((a, b) => a.ts - b.ts);
    return this.refold();
  }

  activeCues(): Cue[] {
    return [...this.cues.values()].filter((cue) => cue.status === 'active');
  }

  /** Active and snoozed cues, in firing order (what the panel lists as waiting). */
  openCues(): Cue[] {
    return [...this.cues.values()]
      .filter((cue) => cue.status === 'active' || cue.status === 'snoozed')
      .sort((a, b) => a.firedAt - b.firedAt);
  }

  /**
   * The room's product list ranked at the engine's clock from its own book, as the side panel shows it
   * (pushed to open panels with each stored sample); null while the room shows none, undefined before the
   * first fold (no book yet).
   */
  productRanking(): ProductRanking | null | undefined {
    if (this.unfolded || !this.state) return undefined;
    return rankRoomProducts(this.state.room.products, this.lastTs, this.openCues());
  }

  /** A product list is filed for the session but its first fold has not run, so it has no ranking yet. */
  productsReading(): boolean {
    return this.unfolded && !this.products.empty;
  }

  /** Cues the operator marked done (the session row's cuesActed). */
  doneCount(): number {
    let done = 0;
    for (const cue of this.cues.values()) if (cue.status === 'done') done += 1;
    return done;
  }
}
