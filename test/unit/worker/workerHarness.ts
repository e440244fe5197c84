import { type DBCore, Dexie, type Middleware } from 'dexie';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Sample } from '../../../lib/core/messages/sample';
import { LivecueDb } from '../../../lib/store/database';
import { createBackgroundServices } from '../../../lib/worker/services';
import { setupAlarms } from '../../../lib/worker/setupAlarms';
import { setupCommands } from '../../../lib/worker/setupCommands';
import { setupRoomPort } from '../../../lib/worker/setupRoomPort';
import { afterEachTest } from '../../setup/testCleanups';

// The background as Chrome runs it, on WXT's fakeBrowser and fake-indexeddb: room pages connect ports
// and stream samples, pages send commands, alarms fire, the worker can be "killed" (its memory dropped,
// a new one started on the same database) and the disk can fail for chosen rows. Tests read what each
// page was told and what the database holds.

type Listener<A extends unknown[]> = (...args: A) => void;

function event<A extends unknown[]>() {
  const listeners: Listener<A>[] = [];
  return {
    addListener: (l: Listener<A>) => void listeners.push(l),
    removeListener: (l: Listener<A>) => {
      const at = listeners.indexOf(l);
      if (at >= 0) listeners.splice(at, 1);
    },
    hasListener: (l: Listener<A>) => listeners.includes(l),
    fire: (...args: A) => {
      for (const l of [...listeners]) l(...args);
    },
    clear: () => void listeners.splice(0),
  };
}

/** One end of a runtime Port as the background sees it; the test plays the page. */
export class FakeRoomPort {
  readonly name = 'livecue-room';
  readonly received: Record<string, unknown>[] = [];
  readonly onMessage = event<[unknown]>();
  readonly onDisconnect = event<[]>();
  connected = true;
  constructor(readonly sender: { tab?: { id: number; url: string }; id?: string }) {}
  postMessage(message: unknown) {
    if (!this.connected) throw new Error('Attempting to use a disconnected port object');
    this.received.push(structuredClone(message) as Record<string, unknown>);
  }
  disconnect() {
    this.connected = false;
  }
}

/** A room page: its port, the samples it sent, and what the background answered. */
export class RoomPage {
  port!: FakeRoomPort;
  seq = 0;
  /** This page load's name on its samples; a reload gives a new one (and seqs start again). */
  pageId: string;
  readonly sent = new Map<number, Sample>();
  constructor(
    private readonly worker: () => WorkerHarness,
    readonly tabId: number,
    readonly site: string,
    readonly roomKey: string,
  ) {
    this.pageId = `tab${tabId}-load1`;
    this.connect();
  }

  /** The page reloads: a new load (new name, seqs from 1) whose earlier samples it no longer holds. */
  reload(): void {
    this.drop();
    this.pageId = `tab${this.tabId}-load${Number(this.pageId.split('load')[1]) + 1}`;
    this.seq = 0;
    this.sent.clear();
    this.history.length = 0;
    this.connect();
  }

  connect(): void {
    this.port = new FakeRoomPort({ tab: { id: this.tabId, url: `https://example.test/${this.roomKey}` } });
    this.worker().connect(this.port);
  }

  sample(ts: number, metrics: Sample['metrics'], extra: Partial<Sample> = {}): Sample {
    this.seq += 1;
    const sample: Sample = {
      seq: this.seq,
      page: this.pageId,
      ts,
      site: this.site,
      roomKey: this.roomKey,
      title: `直播间 ${this.roomKey}`,
      metrics,
      health: {
        parsed: Object.keys(metrics).filter((k) => metrics[k as keyof typeof metrics] !== null) as never,
        failed: [],
        missing: [],
      },
      ...extra,
    };
    this.sent.set(sample.seq, sample);
    return sample;
  }

  /** Sends samples in one port message. */
  post(samples: Sample[]): void {
    this.port.onMessage.fire({ type: 'samples', samples });
  }

  /** Sends every sample the background has neither acknowledged nor refused (what a reconnect resends). */
  resend(): void {
    const open = [...this.sent.values()].filter(
      (s) => s.seq > this.ackedUpTo() && !this.refused().has(s.seq),
    );
    for (let i = 0; i < open.length; i += 1000) this.post(open.slice(i, i + 1000));
  }

  /** Every message received on every port this page had. */
  private all(): Record<string, unknown>[] {
    return this.history.flatMap((port) => port.received);
  }
  private readonly history: FakeRoomPort[] = [];
  track(): void {
    if (!this.history.includes(this.port)) this.history.push(this.port);
  }

  ackedUpTo(): number {
    this.track();
    let upTo = 0;
    for (const m of this.all()) if (m.type === 'ack') upTo = Math.max(upTo, m.upTo as number);
    return upTo;
  }

  /** seq → reason, for every sample the background refused. */
  refused(): Map<number, string> {
    this.track();
    const out = new Map<number, string>();
    for (const m of this.all()) {
      if (m.type === 'refused') for (const seq of m.seqs as number[]) out.set(seq, m.reason as string);
    }
    return out;
  }

  messages(type: string): Record<string, unknown>[] {
    this.track();
    return this.all().filter((m) => m.type === type);
  }

  drop(): void {
    this.track();
    this.port.connected = false;
    this.port.onDisconnect.fire();
  }
}

/** Fails every write that touches rows whose keys contain `tag` (a room key), like a disk full mid-batch. */
export function failWritesFor(db: LivecueDb) {
  const control = { tags: new Set<string>(), failedWrites: 0 };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'test-fail-writes',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request) => {
            const text = JSON.stringify(
              'values' in request ? request.values : (request as { keys?: unknown }).keys,
            );
            for (const tag of control.tags) {
              if (text?.includes(tag)) {
                control.failedWrites += 1;
                return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
              }
            }
            return table.mutate(request);
          },
        };
      },
    }),
  };
  db.use(middleware);
  return control;
}

export interface WorkerHarness {
  db: LivecueDb;
  services: ReturnType<typeof createBackgroundServices>;
  connect(port: FakeRoomPort): void;
  command(command: Record<string, unknown>): Promise<{ ok: boolean; error?: string; data?: unknown }>;
  alarm(name: string): Promise<void>;
}

let dbCount = 0;
const cleanups: (() => Promise<void>)[] = [];
afterEachTest(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  vi.unstubAllGlobals();
});

/** Starts the background's listeners on fakeBrowser, as entrypoints/background.ts does. */
export function startWorker(
  db: LivecueDb = new LivecueDb(`livecue-worker-${Date.now()}-${dbCount++}`),
  options: { wallNow?: () => number; keepStorage?: boolean } = {},
) {
  // A restarted worker finds extension storage as the last one left it; everything else starts afresh.
  if (options.keepStorage) {
    for (const [name, api] of Object.entries(fakeBrowser))
      if (name !== 'storage' && name !== 'reset') (api as { resetState?: () => void }).resetState?.();
  } else fakeBrowser.reset();
  const onConnect = event<[FakeRoomPort]>();
  (fakeBrowser.runtime as unknown as { onConnect: unknown }).onConnect = onConnect;
  vi.stubGlobal('browser', fakeBrowser);
  const services = createBackgroundServices(db, { wallNow: options.wallNow });
  setupRoomPort(services, options.wallNow);
  setupCommands(services);
  setupAlarms(services);
  const harness: WorkerHarness = {
    db,
    services,
    connect: (port) => onConnect.fire(port),
    async command(command) {
      const [answer] = await fakeBrowser.runtime.onMessage.trigger(command, {
        id: fakeBrowser.runtime.id,
        url: fakeBrowser.runtime.getURL('sidepanel.html'),
      });
      return answer as unknown as { ok: boolean; error?: string; data?: unknown };
    },
    async alarm(name) {
      await fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now() });
    },
  };
  cleanups.push(async () => {
    // What waited for a first stored sample that never came runs now, on the fake browser, not from the
    // gate's timer after a later test took `browser` away.
    services.startup.open();
    services.queue.stop();
    onConnect.clear();
  });
  return harness;
}

/** A worker on a fresh database that is removed when the test is over. */
export function freshWorker(options: { wallNow?: () => number } = {}): WorkerHarness {
  const worker = startWorker(undefined, options);
  disposeDb(worker.db);
  return worker;
}

/** Removes the database once the test is over (after every worker on it stopped). */
export function disposeDb(db: LivecueDb): void {
  cleanups.unshift(async () => {
    db.close();
    await Dexie.delete(db.name);
  });
}

/**
 * Kills the worker: its memory (caches, queued rows, timers) is gone, listeners are re-registered by a new
 * worker on the same database, and every page reconnects and resends what it still holds.
 */
export function restartWorker(old: WorkerHarness, pages: RoomPage[]): WorkerHarness {
  old.services.queue.stop();
  for (const page of pages) page.drop();
  const next = startWorker(old.db, { keepStorage: true });
  return next;
}

/** Resolves with the promise's value, or rejects when it has not settled after `ms` (a hang, not a speed). */
export function settlesWithin<T>(promise: Promise<T>, ms = 4000, what = 'the answer'): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} still pending after ${ms} ms`)), ms),
    ),
  ]);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, or fails after `ms` with what it last saw. */
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 4000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} not met after ${ms} ms`);
    await sleep(10);
  }
}
