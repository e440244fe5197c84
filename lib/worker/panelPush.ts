import type { ProductRanking } from '../core/products/rankProducts';
import { type LivePush, PANEL_PORT_NAME } from '../store/livePush';
import type { SampleRow } from '../store/rows';
import type { CueChange } from './session/sessionRegistry';
import type { WriteBatch } from './writeQueue';

// Open side panels connect a port; the worker pushes them each session's newest queued sample, its product
// list as the engine ranks it, and its waiting cues as each step changes them, so a tile, the ranking or a cue
// is on screen without waiting for the disk and a liveQuery round trip (DESIGN.md §6). Nothing is sent back on
// this port: panels act through commands.

export interface PanelPortLike {
  name: string;
  postMessage(message: unknown): void;
  onDisconnect: { addListener(listener: () => void): void };
}

/** Where the pushed product lists come from: the worker's engines (SessionRegistry). */
export interface ProductRankings {
  /** A session's list as its engine ranks it (undefined: no engine of it is folded in this worker). */
  productRanking(sessionId: string): ProductRanking | null | undefined;
  /** Whether a session's list is still being read (its engine holds products but has not folded yet). */
  productsReading(sessionId: string): boolean;
  /** The open sessions whose engines are in memory. */
  liveSessionIds(): string[];
}

const NO_RANKINGS: ProductRankings = {
  productRanking: () => undefined,
  productsReading: () => false,
  liveSessionIds: () => [],
};

export class PanelPorts {
  private readonly ports = new Set<PanelPortLike>();

  /** The rankings are asked only while a panel is open: once per stored batch and session, and on connect. */
  constructor(private readonly rankings: ProductRankings = NO_RANKINGS) {}

  /** A panel connects: it is sent each live session's product list at once, not with the next sample. */
  add(port: PanelPortLike): void {
    this.ports.add(port);
    port.onDisconnect.addListener(() => this.ports.delete(port));
    for (const sessionId of this.rankings.liveSessionIds()) {
      const push = this.productsPush(sessionId);
      if (push) this.post(port, push);
    }
  }

  get size(): number {
    return this.ports.size;
  }

  /**
   * A batch on its way to the disk: its newest sample of each session goes to every panel, then the
   * session's product list as its engine ranks it after that sample.
   */
  stored(batch: WriteBatch): void {
    if (this.ports.size === 0 || !batch.samples?.length) return;
    const newest = new Map<string, SampleRow>();
    for (const row of batch.samples) {
      const seen = newest.get(row.sessionId);
      if (!seen || row.ts > seen.ts) newest.set(row.sessionId, row);
    }
    for (const row of newest.values()) {
      this.send({ type: 'sample', row });
      const push = this.productsPush(row.sessionId);
      if (push) this.send(push);
    }
  }

  /** A step changed a session's cues: its waiting list as it now stands. */
  cuesChanged(change: CueChange): void {
    if (this.ports.size === 0) return;
    this.send({ type: 'cues', sessionId: change.session.id, open: change.open });
  }

  /** The session's list, or word that it is still being read, or nothing (no engine of it here). */
  private productsPush(sessionId: string): LivePush | undefined {
    const ranking = this.rankingOf(sessionId);
    if (ranking !== undefined) return { type: 'products', sessionId, ranking };
    return this.rankings.productsReading(sessionId) ? { type: 'productsReading', sessionId } : undefined;
  }

  /**
   * The list to push, or undefined. Ranking runs as a batch is queued for writing: a failure here is logged
   * and the list left out, never thrown into the path that stores the samples.
   */
  private rankingOf(sessionId: string): ProductRanking | null | undefined {
    try {
      return this.rankings.productRanking(sessionId);
    } catch (error) {
      console.error('Livecue: the product list could not be ranked', error);
      return undefined;
    }
  }

  private send(message: LivePush): void {
    for (const port of this.ports) this.post(port, message);
  }

  private post(port: PanelPortLike, message: LivePush): void {
    try {
      port.postMessage(message);
    } catch {
      // A panel closing as we push: its disconnect removes it.
      this.ports.delete(port);
    }
  }
}

/** Registers the panels' port listener; call in the worker's first turn. */
export function setupPanelPush(panels: PanelPorts): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PANEL_PORT_NAME) panels.add(port);
  });
}
