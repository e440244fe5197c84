import { currentCue } from '../core/cues/cueOrder';
import { renderCueText } from '../core/i18n/renderCue';
import { resolveLocale } from '../core/i18n/translate';
import type { OverlayCue } from '../core/messages/portProtocol';
import { type LivecueDb, openLivecueDb } from '../store/database';
import { RoomIngest } from './roomIngest';
import { RoomPorts } from './roomPorts';
import { SettingsStore } from './settingsStore';
import { createWriteQueue, type WriteQueue, type WriteStatus } from './writeQueue';

// Everything the background's listeners share, built synchronously at start so every listener can be
// registered in the first turn of the worker (MV3 drops events that find no listener).

export interface BackgroundServices {
  db: LivecueDb;
  queue: WriteQueue;
  ingest: RoomIngest;
  ports: RoomPorts;
  settings: SettingsStore;
  pushOverlay(site: string, roomKey: string): Promise<void>;
  writeStatus(): WriteStatus;
}

export function createBackgroundServices(db: LivecueDb = openLivecueDb()): BackgroundServices {
  const ports = new RoomPorts();
  const settings = new SettingsStore(db);
  let status: WriteStatus = { state: 'ok' };
  const queue = createWriteQueue(db, {
    onStatus: (next) => {
      status = next;
      if (next.state === 'failing') console.warn(`Livecue: writes failing, kept in memory: ${next.error}`);
    },
  });
  const ingest: RoomIngest = new RoomIngest(db, queue, {
    settings: async () => {
      const current = await settings.get();
      return { rules: current.rules as Record<string, unknown>, plan: current.plan };
    },
    onCues: (session) => void pushOverlay(session.site, session.roomKey),
  });

  /** Sends the room's top active cue, rendered in the user's language, to its overlay (when on). */
  const pushOverlay = async (site: string, roomKey: string): Promise<void> => {
    const current = await settings.get();
    if (!current.overlay) return;
    const offset = ingest.liveRow(site, roomKey)?.clockOffsetMs ?? 0;
    // The same current cue as the panel's, judged on the session's clock.
    const cue = currentCue(ingest.activeCuesOf(site, roomKey), Date.now() - offset);
    const locale = resolveLocale(current.locale, globalThis.navigator?.language);
    const overlay: OverlayCue | null = cue
      ? {
          id: cue.id,
          ruleId: cue.ruleId,
          severity: cue.severity,
          ...renderCueText(cue, locale),
          // Pages run on the wall clock; the cue's deadline is on the session clock.
          countdownEndsAt:
            cue.countdownSec !== undefined ? cue.firedAt + cue.countdownSec * 1000 + offset : undefined,
        }
      : null;
    ports.toRoom(site, roomKey, { type: 'overlay.cue', cue: overlay });
  };

  return { db, queue, ingest, ports, settings, pushOverlay, writeStatus: () => status };
}
