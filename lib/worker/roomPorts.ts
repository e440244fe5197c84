import type { Browser } from 'wxt/browser';
import type { BackgroundToRoom } from '../core/messages/portProtocol';
import { roomIdOf, roomOfId } from '../core/messages/roomId';
import type { RoomNotice } from '../core/messages/statusAnswer';

// The connected rooms: which port reads which room in which tab, so the background can answer one room
// (acks, bindings, overlay, picker) without broadcasting to all of them — and which tab feeds a room that
// is open in two: the first to report keeps it while it is connected and reporting; the others are
// duplicates whose readings are refused, until the feeding tab closes or goes quiet.

type Port = Browser.runtime.Port;

/** A feeding tab silent this long (wall ms) gives the room up to a tab that still reports. */
export const FEEDER_QUIET_MS = 20_000;

export interface RoomPortInfo {
  port: Port;
  tabId?: number;
  site?: string;
  roomKey?: string;
  /** Wall time of the port's latest samples. */
  lastSampleAt: number;
  /** What this page was last told about being a duplicate (undefined: nothing yet). */
  toldDuplicate?: boolean;
  /** Acknowledgements go out in order, each once its samples are durable. */
  acks: Promise<void>;
  /** The port was dropped: nothing more is sent on it. */
  closed?: boolean;
}

interface Claim {
  info: RoomPortInfo;
  /** Time of the first reading accepted from this tab: readings of others from before it are no duplicates. */
  since: number;
  /** Wall time of the tab's latest reading of this room (a tab that navigated away stops renewing it). */
  lastAt: number;
}

export class RoomPorts {
  private readonly ports = new Map<Port, RoomPortInfo>();
  private readonly claims = new Map<string, Claim>();

  add(port: Port): RoomPortInfo {
    const info: RoomPortInfo = {
      port,
      tabId: port.sender?.tab?.id,
      lastSampleAt: 0,
      acks: Promise.resolve(),
    };
    this.ports.set(port, info);
    return info;
  }

  remove(port: Port): void {
    const info = this.ports.get(port);
    if (info) info.closed = true;
    this.ports.delete(port);
    for (const [room, claim] of this.claims) if (claim.info.port === port) this.claims.delete(room);
  }

  /**
   * Whether a reading of this port feeds its room. Readings with numbers claim a room: its feeder keeps it
   * while connected and reading numbers; a reading from another tab dated before the feeder's first is
   * from before it took over, and feeds too. A reading without numbers never claims a room.
   */
  feeds(
    info: RoomPortInfo,
    sample: { site: string; roomKey: string; ts: number; readable: boolean },
    wallNow: number,
  ): boolean {
    const room = roomIdOf(sample.site, sample.roomKey);
    const claim = this.claims.get(room);
    if (claim?.info === info) {
      if (sample.readable) claim.lastAt = wallNow;
      return true;
    }
    if (!claim || !this.ports.has(claim.info.port) || wallNow - claim.lastAt > FEEDER_QUIET_MS) {
      if (sample.readable) this.claims.set(room, { info, since: sample.ts, lastAt: wallNow });
      return true;
    }
    return sample.readable && sample.ts < claim.since;
  }

  /** The tab feeding a room, if one does. */
  feederOf(site: string, roomKey: string): RoomPortInfo | undefined {
    return this.claims.get(roomIdOf(site, roomKey))?.info;
  }

  send(port: Port, message: BackgroundToRoom): void {
    try {
      port.postMessage(message);
    } catch {
      // The page went away between our lookup and the post; its onDisconnect cleans up.
      this.remove(port);
    }
  }

  toRoom(site: string, roomKey: string, message: BackgroundToRoom): void {
    for (const info of this.ports.values()) {
      if (info.site === site && info.roomKey === roomKey) this.send(info.port, message);
    }
  }

  toSite(site: string, message: BackgroundToRoom): void {
    for (const info of this.ports.values()) if (info.site === site) this.send(info.port, message);
  }

  toAll(message: BackgroundToRoom): void {
    for (const info of this.ports.values()) this.send(info.port, message);
  }

  /** The room in `tabId`, else the room that reported most recently. */
  pick(tabId?: number): RoomPortInfo | undefined {
    const all = [...this.ports.values()];
    if (tabId !== undefined) {
      const inTab = all.find((info) => info.tabId === tabId);
      if (inTab) return inTab;
    }
    return all.sort((a, b) => b.lastSampleAt - a.lastSampleAt)[0];
  }

  all(): RoomPortInfo[] {
    return [...this.ports.values()];
  }

  /** Rooms with a feeding tab, and the duplicate tabs of each. */
  notices(): Omit<RoomNotice, 'refused'>[] {
    return [...this.claims.entries()].map(([room, { info }]) => {
      const { site, roomKey } = roomOfId(room);
      const duplicateTabIds = this.all()
        .filter((other) => other !== info && other.toldDuplicate && other.site === site)
        .filter((other) => other.roomKey === roomKey && other.tabId !== undefined)
        .map((other) => other.tabId!);
      return { site, roomKey, feedingTabId: info.tabId, duplicateTabIds };
    });
  }
}
