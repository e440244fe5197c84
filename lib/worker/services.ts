import type { LivecueDb } from '../store/database';
import { openLivecueDb } from '../store/database';
import { PanelPorts } from './panelPush';
import { createRoomBroadcast, type RoomBroadcast } from './roomBroadcast';
import { RoomPorts } from './roomPorts';
import { EndIntents } from './session/endIntents';
import { type RegistryOptions, SessionRegistry } from './session/sessionRegistry';
import { SettingsStore } from './settingsStore';
import { createStartupGate, type StartupGate } from './startupGate';
import { createWriteQueue, type WriteQueue } from './writeQueue';

// Everything the background's listeners share, built synchronously at start so every listener can be
// registered in the first turn of the worker (MV3 drops events that find no listener). Only construction
// and the wiring between the parts live here.
//
// Cue changes: `services.registry.onCueChange(({ session, changed, active }) => …)` is called after every
// step that created or changed cues (a sample, an operator action, a tick, a run-of-show), once its rows
// are queued. Settings changes: `services.settings.onChange(({ next, changed }) => …)`.

export interface BackgroundServices {
  db: LivecueDb;
  queue: WriteQueue;
  registry: SessionRegistry;
  ports: RoomPorts;
  settings: SettingsStore;
  broadcast: RoomBroadcast;
  /** Open side panels, pushed each queued sample (with its session's ranked product list) and cue change. */
  panels: PanelPorts;
  /** Start-up work that waits until the first samples are stored (startupGate.ts). */
  startup: StartupGate;
}

export interface ServiceOptions {
  timing?: RegistryOptions['timing'];
  wallNow?: () => number;
}

export function createBackgroundServices(
  db: LivecueDb = openLivecueDb(),
  options: ServiceOptions = {},
): BackgroundServices {
  // Opened now rather than by the first query: the browser opens it while the rest of the start runs, and a
  // restarted worker's first sample finds it open. A failure is left to the queries, which meet and report
  // it as they would have met their own open's.
  void db.open().catch(() => undefined);
  // The operator's End notes, read beside it: the first room loaded needs both before it stores a sample.
  const endIntents = new EndIntents(browser.storage.local);
  endIntents.readAhead();
  const ports = new RoomPorts();
  // Product lists are ranked by the registry's engines (built below), asked only once a panel connects.
  const panels = new PanelPorts({
    productRanking: (sessionId) => registry.productRanking(sessionId),
    productsReading: (sessionId) => registry.productsReading(sessionId),
    liveSessionIds: () => registry.liveSessionIds(),
  });
  const settings = new SettingsStore(db);
  const queue = createWriteQueue(db, {
    onEnqueue: (batch) => panels.stored(batch),
    onStatus: (next) => {
      if (next.state === 'failing') console.warn(`Livecue: writes failing, kept in memory: ${next.error}`);
    },
  });
  const registry = new SessionRegistry(db, queue, {
    settings: async () => {
      const current = await settings.get();
      return { rules: current.rules as Record<string, unknown>, plan: current.plan };
    },
    timing: options.timing,
    wallNow: options.wallNow,
    endIntents,
  });
  // A new run-of-show reaches every open session as an event, so a refold sees it where it happened.
  settings.onChange(({ next, changed }) => {
    if (changed.has('plan'))
      void registry
        .setPlan(next.plan)
        .catch((error: unknown) => console.error('Livecue: plan not applied', error));
  });
  registry.onCueChange((change) => panels.cuesChanged(change));
  const broadcast = createRoomBroadcast(ports, settings, registry, options.wallNow);
  const startup = createStartupGate();
  return { db, queue, registry, ports, settings, broadcast, panels, startup };
}
