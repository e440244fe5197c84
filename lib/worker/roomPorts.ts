import type { Browser } from 'wxt/browser';
import type { BackgroundToRoom } from '../core/messages/portProtocol';

// The connected rooms: which port reads which room in which tab, so the background can answer one
// room (acks, bindings, overlay, picker) without broadcasting to all of them.

type Port = Browser.runtime.Port;

export interface RoomPortInfo {
  port: Port;
  tabId?: number;
  site?: string;
  roomKey?: string;
  lastSampleAt: number;
}

export class RoomPorts {
  private readonly ports = new Map<Port, RoomPortInfo>();

  add(port: Port): RoomPortInfo {
    const info: RoomPortInfo = { port, tabId: port.sender?.tab?.id, lastSampleAt: 0 };
    this.ports.set(port, info);
    return info;
  }

  remove(port: Port): void {
    this.ports.delete(port);
  }

  send(port: Port, message: BackgroundToRoom): void {
    try {
      port.postMessage(message);
    } catch {
      // The page went away between our lookup and the post; its onDisconnect cleans up.
      this.ports.delete(port);
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
}
