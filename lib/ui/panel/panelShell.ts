import { batch, computed, signal } from '@preact/signals';
import type { Cue } from '../../core/engine/types';
import type { ReaderHealth } from '../../core/messages/sample';
import type { ProductRanking } from '../../core/products/rankProducts';
import {
  DEFAULT_VIEW_SETTINGS,
  parseViewSettings,
  type ViewSettings,
} from '../../core/settings/viewSettings';
import type { SampleRow, SessionRow } from '../../store/rows';
import { openQuestions } from './openQuestions';
import type { PanelFirstRead, PendingFirstRead } from './panelFirstRead';
import type { PanelStore } from './panelStore';
import type { RoomWarning, WriteWarning } from './writeStatus';

// The side panel's state for its first render, before the live store (Dexie, its live queries, the worker's
// port: entrypoints/sidepanel/livePanel.ts) has loaded: the early first read (panelFirstRead.ts) on a ticking
// clock, with nothing the first screen does not show yet (today's cues, the products, the status poll's
// warnings). The page renders this, then the live store over it, which starts from the same read. Keeping
// Dexie out of the first bundle is most of the first render's time on a busy machine (DESIGN.md §6).

interface ShellOptions {
  wallClock?: () => number;
  tickEveryMs?: number;
}

export function createPanelShell(
  firstRead: PendingFirstRead | undefined,
  options: ShellOptions = {},
): PanelStore {
  const { wallClock = Date.now, tickEveryMs = 500 } = options;
  const wall = signal(wallClock());
  const tick = setInterval(() => {
    wall.value = wallClock();
  }, tickEveryMs);
  const session = signal<SessionRow | null | undefined>(undefined);
  const settings = signal<ViewSettings>(DEFAULT_VIEW_SETTINGS);
  const open = signal<Cue[]>([]);
  const samples = signal<SampleRow[]>([]);
  let disposed = false;
  const show = (read: PanelFirstRead | null) => {
    if (!read || disposed) return;
    batch(() => {
      settings.value = parseViewSettings(read.settings);
      session.value = read.session;
      open.value = read.openCues;
      samples.value = read.latestSample ? [read.latestSample] : [];
    });
  };
  if (firstRead?.settled) show(firstRead.settled.read);
  else void firstRead?.promise.then(show);

  const offset = computed(() => session.value?.clockOffsetMs ?? 0);
  return {
    session,
    samples,
    openCues: open,
    // The questions as their cues carry them; the live store adds the asks stored since.
    openQuestions: computed(() => openQuestions(open.value, [])),
    todaysCues: signal<Cue[]>([]),
    settings,
    warning: signal<WriteWarning>({ kind: 'none' }),
    unreadHealth: signal<ReaderHealth | null>(null),
    roomWarnings: signal<RoomWarning[]>([]),
    now: computed(() => wall.value - offset.value),
    products: signal<ProductRanking | null>(null),
    dispose: () => {
      disposed = true;
      clearInterval(tick);
    },
  };
}
