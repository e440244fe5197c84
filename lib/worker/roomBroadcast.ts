import { resolveLocale } from '../core/i18n/translate';
import { roomIdOf } from '../core/messages/roomId';
import { overlayCueFor } from './overlayCue';
import type { RoomPortInfo, RoomPorts } from './roomPorts';
import type { SessionRegistry } from './session/sessionRegistry';
import type { SettingsStore } from './settingsStore';

// Everything the background pushes to room pages on its own (not in answer to a room's message): the
// operator's bindings, the overlay's state and its cue. One place decides when: a room's first word,
// a settings change, a cue change.

export interface RoomBroadcast {
  /** A room's first samples: hand it its site's bindings, the overlay state and its current cue. */
  welcome(info: RoomPortInfo): Promise<void>;
  /** Sends a room's current cue to its overlay (when the overlay is on). */
  pushCue(site: string, roomKey: string): Promise<void>;
}

export function createRoomBroadcast(
  ports: RoomPorts,
  settings: SettingsStore,
  registry: SessionRegistry,
  wallNow: () => number = Date.now,
): RoomBroadcast {
  const pushCue = async (site: string, roomKey: string) => {
    const current = await settings.get();
    if (!current.overlay) return;
    const active = await registry.activeCuesOf(site, roomKey);
    const offset = registry.liveRow(site, roomKey)?.clockOffsetMs ?? 0;
    const locale = resolveLocale(current.locale, globalThis.navigator?.language);
    const cue = overlayCueFor(active, offset, locale, wallNow());
    ports.toRoom(site, roomKey, { type: 'overlay.cue', cue });
  };
  const pushAllCues = () => {
    const rooms = new Map(ports.all().map((info) => [roomIdOf(info.site ?? '', info.roomKey ?? ''), info]));
    for (const info of rooms.values()) if (info.site && info.roomKey) void pushCue(info.site, info.roomKey);
  };

  settings.onChange(({ next, changed }) => {
    if (changed.has('bindings')) {
      for (const site of new Set(ports.all().map((info) => info.site))) {
        if (site) ports.toSite(site, { type: 'bindings', bindings: next.bindings[site] ?? {} });
      }
    }
    if (changed.has('overlay')) ports.toAll({ type: 'overlay.set', enabled: next.overlay });
    // A cue on screen follows the language too.
    if (next.overlay && (changed.has('overlay') || changed.has('locale'))) pushAllCues();
  });
  registry.onCueChange(({ session }) => void pushCue(session.site, session.roomKey));

  return {
    async welcome(info) {
      const { site, roomKey } = info;
      if (!site || !roomKey) return;
      const current = await settings.get();
      ports.send(info.port, { type: 'bindings', bindings: current.bindings[site] ?? {} });
      if (current.overlay) {
        ports.send(info.port, { type: 'overlay.set', enabled: true });
        await pushCue(site, roomKey);
      }
    },
    pushCue,
  };
}
