import { batch, computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { Cue } from '../../core/engine/types';
import type { CommandResult } from '../../core/messages/commands';
import type { ReaderHealth } from '../../core/messages/sample';
import type { ProductRanking } from '../../core/products/rankProducts';
import {
  DEFAULT_VIEW_SETTINGS,
  parseViewSettings,
  type ViewSettings,
} from '../../core/settings/viewSettings';
import type { LivecueDb } from '../../store/database';
import type { LivePush } from '../../store/livePush';
import type { CommentRow, SampleRow, SessionRow } from '../../store/rows';
import { type LiveSignal, liveSignal } from '../liveSignal';
import type { SendCommand } from '../sendCommand';
import { linkLivePush, type PushPortLike } from './livePushPort';
import { SPARKLINE_WINDOW_MS } from './metricTiles';
import { type OpenQuestion, openQuestions, questionsSince } from './openQuestions';
import type { PanelFirstRead, PendingFirstRead } from './panelFirstRead';
import {
  commentsSince,
  cuesFiredSince,
  currentSession,
  latestSample,
  openCues,
  samplesSince,
  startOfLocalDay,
  todaysSessionIds,
  viewSettings,
} from './panelQueries';
import { createProductFeed } from './productFeed';
import { panelRanking } from './productRanking';
import { sameRows } from './sameRows';
import { type RoomWarning, roomWarningsFrom, type WriteWarning, writeWarningFrom } from './writeStatus';

// Everything the side panel shows, as signals fed by liveQuery (reads), the worker's pushes (the newest
// sample, the ranked product list and the waiting cues, on screen before they are on disk) and a status poll.

export interface PanelState {
  /** undefined while loading, null when no room is being read. */
  session: ReadonlySignal<SessionRow | null | undefined>;
  samples: ReadonlySignal<SampleRow[]>;
  openCues: ReadonlySignal<Cue[]>;
  /** The questions viewers keep asking that are not answered yet (open `questions` cues, live counts). */
  openQuestions: ReadonlySignal<OpenQuestion[]>;
  todaysCues: ReadonlySignal<Cue[]>;
  /** Only what the panel shows of the settings: reading them builds no rule schema (viewSettings.ts). */
  settings: ReadonlySignal<ViewSettings>;
  warning: ReadonlySignal<WriteWarning>;
  /** Reader health of a room that reports but whose numbers cannot be read (no session starts for it). */
  unreadHealth: ReadonlySignal<ReaderHealth | null>;
  /** Rooms open in two tabs, readings the background refuses. */
  roomWarnings: ReadonlySignal<RoomWarning[]>;
  /** The session's clock (wall clock minus its offset), ticking. */
  now: ReadonlySignal<number>;
  /**
   * The room's products ranked for what to put up next (null or absent: the room shows no product list): as
   * the worker pushes it, else folded here from the stored rows.
   */
  products?: ReadonlySignal<ProductRanking | null>;
  /** The worker is still reading the session's product rows (restarted late in an evening): its list follows. */
  productsReading?: ReadonlySignal<boolean>;
}

/** Marks a session whose list the worker is still reading (its `productsReading` push). */
const READING = 'reading';

export interface PanelStore extends PanelState {
  dispose(): void;
}

interface StoreOptions {
  statusEveryMs?: number;
  tickEveryMs?: number;
  historyEveryMs?: number;
  wallClock?: () => number;
  /** Opens the worker's push port (lib/store/livePush.ts); without it the panel follows the database only. */
  connectLive?: () => PushPortLike;
  /** How long a live session's product list is awaited from the port before the panel folds the rows itself. */
  pushWaitMs?: number;
  /** How long a worker that says it is still reading a session's rows is waited for before the same. */
  readingWaitMs?: number;
  /**
   * The first screen read early by bare IndexedDB (panelFirstRead.ts): shown until the live queries answer,
   * so the first render need not wait for Dexie's own open. Ignored once they have answered.
   */
  firstRead?: PendingFirstRead;
}

/** A room silent this long (session clock) has no engine about to push its product list: the panel folds it at once. */
const QUIET_ROOM_MS = 10_000;

export function createPanelStore(db: LivecueDb, send: SendCommand, options: StoreOptions = {}): PanelStore {
  const {
    statusEveryMs = 3000,
    tickEveryMs = 500,
    historyEveryMs = 5000,
    wallClock = Date.now,
    connectLive,
    pushWaitMs = 3000,
    readingWaitMs = 60_000,
    firstRead,
  } = options;
  const disposers: (() => void)[] = [];
  const wall = signal(wallClock());
  const tick = setInterval(() => {
    wall.value = wallClock();
  }, tickEveryMs);
  disposers.push(() => clearInterval(tick));

  const sessionQuery = liveSignal<SessionRow | null | undefined>(
    async () => (await currentSession(db)) ?? null,
    undefined,
  );
  const settingsQuery = liveSignal(() => viewSettings(db), DEFAULT_VIEW_SETTINGS);
  disposers.push(sessionQuery.dispose, settingsQuery.dispose);

  const session = sessionQuery.value;
  const offset = computed(() => session.value?.clockOffsetMs ?? 0);
  const now = computed(() => wall.value - offset.value);
  const sessionId = computed(() => session.value?.id ?? null);
  const dayKey = computed(() => new Date(now.value).toDateString());

  const samples = signal<SampleRow[]>([]);
  const latest = signal<SampleRow | undefined>(undefined);
  const queriedOpen = signal<Cue[]>([]);
  /**
   * The waiting cues the worker last pushed for each session, while its port is connected; they win over
   * the database's. Kept per session, so a cue pushed before the panel's session query has caught up with
   * a new session is there when it does. Dropped when the port goes: a worker that stopped before writing
   * them takes them with it, and the database is the record again.
   */
  const pushedOpen = signal<ReadonlyMap<string, Cue[]>>(new Map());
  const open = computed(() => {
    const id = sessionId.value;
    return (id !== null && pushedOpen.value.get(id)) || queriedOpen.value;
  });
  /**
   * The newest sample from either path: a push and the liveQuery that follows its write carry the same row,
   * so an older row (a query answered before a later push) never replaces a newer one.
   */
  const newestSample = {
    set value(row: SampleRow | undefined) {
      const current = latest.peek();
      const id = sessionId.peek();
      if (!row) {
        if (current?.sessionId !== id) latest.value = undefined;
        return;
      }
      if (row.sessionId !== id) {
        if (current?.sessionId !== id) latest.value = row;
        return;
      }
      if (!current || current.sessionId !== id || row.ts > current.ts) latest.value = row;
    },
  };
  /**
   * The product list the worker last pushed for each session while its port is connected (null: the room
   * shows none). Its engine ranks its own book, so a panel opened late in a long evening shows the list with
   * the next sample instead of reading and folding every product row stored since the start.
   */
  const pushedProducts = signal<ReadonlyMap<string, ProductRanking | null | typeof READING>>(new Map());
  const onPush = (push: LivePush) => {
    if (push.type === 'sample') {
      if (push.row.sessionId === sessionId.peek()) newestSample.value = push.row;
    } else if (push.type === 'cues') {
      pushedOpen.value = new Map(pushedOpen.peek()).set(push.sessionId, push.open);
    } else {
      const pushed = push.type === 'products' ? push.ranking : READING;
      const known = pushedProducts.peek();
      if (known.has(push.sessionId) && known.get(push.sessionId) === pushed) return;
      pushedProducts.value = new Map(known).set(push.sessionId, pushed);
    }
  };
  // A new port, or none, starts again from the database until the next push.
  const forgetPushes = () => {
    if (pushedOpen.peek().size) pushedOpen.value = new Map();
    if (pushedProducts.peek().size) pushedProducts.value = new Map();
  };
  /** Whether the worker's port is up: it pushes the newest sample of each batch it stores. */
  const pushing = signal(false);
  const live = connectLive
    ? linkLivePush(
        connectLive,
        onPush,
        () => {
          forgetPushes();
          pushing.value = true;
        },
        () => {
          forgetPushes();
          pushing.value = false;
        },
      )
    : null;
  if (live) disposers.push(live.dispose);
  const today = signal<Cue[]>([]);
  const todayIds = signal<string[]>([]);
  const todayIdsUnlessSame = {
    set value(ids: string[]) {
      if (!sameRows(todayIds.peek(), ids)) todayIds.value = ids;
    },
  };
  const todayUnlessSame = {
    set value(rows: Cue[]) {
      if (!sameRows(today.peek(), rows)) today.value = rows;
    },
  };
  const asked = signal<CommentRow[]>([]);
  // The current session counts as live today from its first sample after midnight on (the ids were read
  // when it was already current, maybe just before).
  let withCurrentIds: string[] = [];
  const withCurrent = computed(() => {
    const ids = todayIds.value;
    const current = session.value;
    const next =
      current && current.lastSampleAt >= startOfLocalDay(now.peek()) && !ids.includes(current.id)
        ? [...ids, current.id].sort()
        : ids;
    if (!sameRows(withCurrentIds, next)) withCurrentIds = next;
    return withCurrentIds;
  });

  // The sparkline window is read whole when the session changes and every `historyEveryMs`; between
  // reads each new sample arrives through a one-row live query and is appended. A page change then
  // costs the panel one tiny query instead of re-reading ten minutes of samples (DESIGN.md §6 latency).
  const reloadHistory = async () => {
    const id = sessionId.peek();
    if (!id) {
      samples.value = [];
      return;
    }
    const rows = await samplesSince(db, id, now.peek() - SPARKLINE_WINDOW_MS);
    if (sessionId.peek() !== id) return;
    const newest = latest.peek();
    samples.value =
      newest && newest.sessionId === id && (rows.at(-1)?.ts ?? -1) < newest.ts ? [...rows, newest] : rows;
  };
  const historyTimer = setInterval(() => void reloadHistory(), historyEveryMs);
  disposers.push(
    () => clearInterval(historyTimer),
    effect(() => {
      sessionId.value;
      void reloadHistory();
    }),
    effect(() => {
      const row = latest.value;
      if (!row) return;
      const current = samples.peek();
      const last = current.at(-1);
      if (last && (last.sessionId !== row.sessionId || last.ts >= row.ts)) return;
      const since = row.ts - SPARKLINE_WINDOW_MS;
      let from = 0;
      while (from < current.length && current[from]!.ts < since) from += 1;
      samples.value = [...current.slice(from), row];
    }),
  );

  disposers.push(
    // While the port is up every stored sample is pushed: one read catches up with what was stored before it
    // (on a new session or port), where a live query would read the newest row again on every write.
    follow(() => {
      const id = sessionId.value;
      if (!id) return [newestSample, signal<SampleRow | undefined>(undefined)];
      return pushing.value
        ? [newestSample, readOnce(() => latestSample(db, id), latest.peek())]
        : [newestSample, liveSignal(() => latestSample(db, id), latest.peek())];
    }),
    follow(() => {
      const id = sessionId.value;
      return id
        ? [queriedOpen, liveSignal(() => openCues(db, id), [] as Cue[])]
        : [queriedOpen, signal<Cue[]>([])];
    }),
    // The comments behind the open questions only: none are read while no question is open.
    follow(() => {
      const id = sessionId.value;
      const since = questionsSince(open.value);
      return id && since !== null
        ? [asked, liveSignal(() => commentsSince(db, id, since), asked.peek())]
        : [asked, signal<CommentRow[]>([])];
    }),
    // Read again when the day or the current session changes, not as a live query: every sample moves its
    // session's lastSampleAt, and the query ran again on each one for the same list. A session is live
    // today when it samples, and sampling makes it the current one; the current session is added below.
    follow(() => {
      dayKey.value;
      sessionId.value;
      const at = now.peek();
      return [todayIdsUnlessSame, readOnce(() => todaysSessionIds(db, at), todayIds.peek())];
    }),
    follow(() => {
      const ids = withCurrent.value;
      dayKey.value;
      const since = startOfLocalDay(now.peek());
      return [todayUnlessSame, liveSignal(() => cuesFiredSince(db, ids, since), today.peek())];
    }),
  );

  // The early read's answer, until the live queries give theirs: at once when it came before the store was
  // made (the first render shows it), else when it comes.
  const showFirstRead = (read: PanelFirstRead | null) => {
    if (!read) return;
    if (!settingsQuery.answered()) settingsQuery.value.value = parseViewSettings(read.settings);
    if (sessionQuery.answered() || session.peek() !== undefined) return;
    // The session first: setting it starts its live queries (with empty answers), which this then fills.
    sessionQuery.value.value = read.session;
    if (!read.session) return;
    batch(() => {
      if (!queriedOpen.peek().length) queriedOpen.value = read.openCues;
      newestSample.value = read.latestSample;
    });
  };
  if (firstRead?.settled) showFirstRead(firstRead.settled.read);
  else void firstRead?.promise.then(showFirstRead);

  // The stored product rows are folded here only for a session the worker does not rank: its port is down,
  // or no list came within pushWaitMs of the port coming up (no engine holds the session: its room's page has
  // gone quiet). A restarted worker still reading a long evening says so, and is waited for. A push, once it
  // comes, takes over the list.
  // A port that drops waits as long again plus a poll, which connects it again and so wakes a stopped worker:
  // a panel that folded the rows at once read a long evening alongside the restarting worker, which then took
  // longer to read it, while the panel's thread froze for seconds.
  const waitedFor = signal<string | null>(null);
  disposers.push(
    effect(() => {
      const id = sessionId.value;
      const up = pushing.value;
      waitedFor.value = null;
      if (id === null) return;
      const timer = setTimeout(
        () => {
          waitedFor.value = id;
        },
        up ? pushWaitMs : pushWaitMs + statusEveryMs,
      );
      return () => clearTimeout(timer);
    }),
  );
  // A worker that says it is reading for longer than readingWaitMs (its read keeps failing) is not waited for.
  const readTooLong = signal<string | null>(null);
  disposers.push(
    effect(() => {
      const id = sessionId.value;
      const reading = id !== null && pushedProducts.value.get(id) === READING;
      readTooLong.value = null;
      if (!reading) return;
      const timer = setTimeout(() => {
        readTooLong.value = id;
      }, readingWaitMs);
      return () => clearTimeout(timer);
    }),
  );
  // A room that has not reported for QUIET_ROOM_MS (its page closed or asleep; an open room reads every second):
  // no engine will push its list soon, so waiting for one would be for nothing.
  const roomQuiet = computed(() => {
    const row = session.value;
    return !!row && now.value - row.lastSampleAt >= QUIET_ROOM_MS;
  });
  const feedSession = computed(() => {
    const id = sessionId.value;
    if (id === null) return null;
    const pushed = pushedProducts.value.get(id);
    if (pushed === READING) return readTooLong.value === id ? id : null;
    if (pushed !== undefined) return null;
    // A panel without the port (tests, a page that follows the database only) folds at once.
    if (!connectLive || roomQuiet.value) return id;
    return waitedFor.value === id ? id : null;
  });
  const productFeed = createProductFeed(db, feedSession);
  disposers.push(productFeed.dispose);
  // Ranked on the session's clock, once a second (rates and explained times move with it).
  const second = computed(() => Math.floor(now.value / 1000) * 1000);
  const products = computed(() => {
    const id = sessionId.value;
    const pushed = id === null ? undefined : pushedProducts.value.get(id);
    if (pushed !== undefined && pushed !== READING) return pushed;
    return panelRanking(productFeed.products.value, second.value, open.value);
  });
  const productsReading = computed(() => {
    const id = sessionId.value;
    return id !== null && pushedProducts.value.get(id) === READING && productFeed.products.value === null;
  });

  const warning = signal<WriteWarning>({ kind: 'none' });
  const unreadHealth = signal<ReaderHealth | null>(null);
  const roomWarnings = signal<RoomWarning[]>([]);
  const poll = async () => {
    live?.ensure();
    const status = await send({ type: 'status.get' });
    warning.value = writeWarningFrom(status);
    unreadHealth.value = unreadHealthFrom(status);
    const next = roomWarningsFrom(status, wallClock());
    // A poll that says the same keeps the signal, so the panel does not re-render every few seconds.
    if (JSON.stringify(next) !== JSON.stringify(roomWarnings.peek())) roomWarnings.value = next;
  };
  void poll();
  const statusTimer = setInterval(poll, statusEveryMs);
  disposers.push(() => clearInterval(statusTimer));

  return {
    session,
    samples,
    openCues: open,
    openQuestions: computed(() => openQuestions(open.value, asked.value)),
    todaysCues: today,
    settings: settingsQuery.value,
    warning,
    unreadHealth,
    roomWarnings,
    now,
    products,
    productsReading,
    dispose: () => {
      for (const dispose of disposers.reverse()) dispose();
    },
  };
}

/** The most recent unread room's health from a `status.get` answer. */
export function unreadHealthFrom(result: CommandResult<'status.get'>): ReaderHealth | null {
  if (!result.ok) return null;
  const newest = [...result.data.unreadRooms].sort((a, b) => b.at - a.at)[0];
  return newest?.health ?? null;
}

/** A query read once, held in a signal as liveSignal holds a live one (a failed read keeps `initial`). */
function readOnce<T>(query: () => Promise<T>, initial: T): ReadonlySignal<T> {
  const value = signal(initial);
  query().then(
    (result) => {
      value.value = result;
    },
    (error: unknown) => console.warn('Livecue: a panel read failed', error),
  );
  return value;
}

/**
 * Re-creates a live query whenever the signals it reads change, copying its rows into `target`.
 * `make` returns the target and either a LiveSignal or a constant signal.
 */
function follow<T>(
  make: () => [target: { value: T }, source: LiveSignal<T> | ReadonlySignal<T>],
): () => void {
  let current: LiveSignal<T> | null = null;
  let stopCopy: (() => void) | null = null;
  const stop = effect(() => {
    const [target, source] = make();
    const previous = current;
    const previousCopy = stopCopy;
    current = 'dispose' in source ? source : null;
    const value = 'dispose' in source ? source.value : source;
    stopCopy = effect(() => {
      target.value = value.value;
    });
    previousCopy?.();
    previous?.dispose();
  });
  return () => {
    stop();
    stopCopy?.();
    current?.dispose();
  };
}
