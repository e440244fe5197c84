import { computed, effect, type ReadonlySignal, signal } from '@preact/signals';
import type { LivecueDb } from '../../lib/db/database';
import type { SampleRow, SessionRow } from '../../lib/db/rows';
import type { Cue } from '../../lib/engine/types';
import type { CommandInput, CommandResult } from '../../lib/messages/commands';
import { SPARKLINE_WINDOW_MS } from '../../lib/panel/metricTiles';
import { currentSession, openCues, samplesSince, todaysCues } from '../../lib/panel/panelQueries';
import { type WriteWarning, writeWarningFrom } from '../../lib/panel/writeStatus';
import { readSettings } from '../../lib/settings/readSettings';
import { defaultSettings, type Settings } from '../../lib/settings/settingsSchema';
import { type LiveSignal, liveSignal } from '../common/liveSignal';

// Everything the side panel shows, as signals fed by liveQuery (reads) and a status poll.

export interface PanelState {
  /** undefined while loading, null when no room is being read. */
  session: ReadonlySignal<SessionRow | null | undefined>;
  samples: ReadonlySignal<SampleRow[]>;
  openCues: ReadonlySignal<Cue[]>;
  todaysCues: ReadonlySignal<Cue[]>;
  settings: ReadonlySignal<Settings>;
  warning: ReadonlySignal<WriteWarning>;
  /** The session's clock (wall clock minus its offset), ticking. */
  now: ReadonlySignal<number>;
}

export type SendCommand = (command: CommandInput) => Promise<CommandResult>;

export interface PanelStore extends PanelState {
  dispose(): void;
}

interface StoreOptions {
  statusEveryMs?: number;
  tickEveryMs?: number;
  wallClock?: () => number;
}

export function createPanelStore(db: LivecueDb, send: SendCommand, options: StoreOptions = {}): PanelStore {
  const { statusEveryMs = 3000, tickEveryMs = 500, wallClock = Date.now } = options;
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
  const settingsQuery = liveSignal(async () => (await readSettings(db)).settings, defaultSettings());
  disposers.push(sessionQuery.dispose, settingsQuery.dispose);

  const session = sessionQuery.value;
  const offset = computed(() => session.value?.clockOffsetMs ?? 0);
  const now = computed(() => wall.value - offset.value);
  const sessionId = computed(() => session.value?.id ?? null);
  // The sparkline window's start, moved once a minute so the query is not re-made every tick.
  const windowStart = computed(() => Math.floor((now.value - SPARKLINE_WINDOW_MS) / 60_000) * 60_000);
  const dayKey = computed(() => new Date(now.value).toDateString());

  const samples = signal<SampleRow[]>([]);
  const open = signal<Cue[]>([]);
  const today = signal<Cue[]>([]);

  disposers.push(
    follow(() => {
      const id = sessionId.value;
      if (!id) return [samples, signal<SampleRow[]>([])];
      const since = windowStart.value;
      return [samples, liveSignal(() => samplesSince(db, id, since), samples.peek())];
    }),
    follow(() => {
      const id = sessionId.value;
      return id ? [open, liveSignal(() => openCues(db, id), [] as Cue[])] : [open, signal<Cue[]>([])];
    }),
    follow(() => {
      dayKey.value;
      const at = now.peek();
      return [today, liveSignal(() => todaysCues(db, at), today.peek())];
    }),
  );

  const warning = signal<WriteWarning>({ kind: 'none' });
  const poll = async () => {
    warning.value = writeWarningFrom(await send({ type: 'status.get' }));
  };
  void poll();
  const statusTimer = setInterval(poll, statusEveryMs);
  disposers.push(() => clearInterval(statusTimer));

  return {
    session,
    samples,
    openCues: open,
    todaysCues: today,
    settings: settingsQuery.value,
    warning,
    now,
    dispose: () => {
      for (const dispose of disposers.reverse()) dispose();
    },
  };
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
