import { effect } from '@preact/signals';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Cue } from '../../../../lib/core/engine/types';
import type { CommandInput } from '../../../../lib/core/messages/commands';
import type { ProductRanking } from '../../../../lib/core/products/rankProducts';
import { LivecueDb } from '../../../../lib/store/database';
import type { SampleRow, SessionRow } from '../../../../lib/store/rows';
import { createPanelStore, type PanelStore } from '../../../../lib/ui/panel/panelStore';
import { defaultAnswer, recordingSender } from '../recordingSender';

const WALL = Date.UTC(2026, 10, 24, 12, 30);
/** The e2e build runs the session on a scenario clock one hour behind the wall clock. */
const OFFSET = 3_600_000;
const T = WALL - OFFSET;

const session: SessionRow = {
  id: 'mock:room:1',
  site: 'mock',
  roomKey: 'room',
  title: 'Room',
  startedAt: T - 600_000,
  lastSampleAt: T,
  clockOffsetMs: OFFSET,
  ruleSettings: {},
  peakViewers: null,
  gmv: null,
  cuesFired: 0,
  cuesActed: 0,
};

const cue: Cue = {
  id: `${session.id}:traffic-drop:${T}`,
  sessionId: session.id,
  ruleId: 'traffic-drop',
  firedAt: T,
  severity: 'act',
  title: 'cue.traffic-drop.title',
  detail: 'cue.traffic-drop.detail',
  params: {},
  evidence: [],
  expiresAt: T + 60_000,
  status: 'active',
};

let db: LivecueDb;
let store: PanelStore;
const sent: CommandInput[] = [];
const send = recordingSender(
  (command) => sent.push(command),
  (command) =>
    command.type === 'status.get'
      ? {
          ok: true,
          data: {
            ...defaultAnswer(command),
            write: {
              state: 'failing',
              error: 'QuotaExceededError',
              pending: 3,
              since: WALL,
              sessions: ['s'],
            },
          },
        }
      : undefined,
);

/** Resolves once `read()` satisfies `test`, as the signals update from liveQuery. */
function until<T>(read: () => T, test: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const stop = effect(() => {
      const value = read();
      if (test(value)) {
        queueMicrotask(() => stop());
        resolve(value);
      }
    });
  });
}

beforeEach(() => {
  db = new LivecueDb(`store-${Math.random()}`);
  store = createPanelStore(db, send, { wallClock: () => WALL, statusEveryMs: 60_000 });
});
afterEach(async () => {
  store.dispose();
  await db.delete();
});

it('starts with no room, then follows the live session, its samples and cues as they are written', async () => {
  expect(
    await until(
      () => store.session.value,
      (s) => s !== undefined,
    ),
  ).toBeNull();
  await db.sessions.put(session);
  await until(
    () => store.session.value,
    (s) => s?.id === session.id,
  );
  expect(store.now.value).toBe(T);

  await db.samples.put({ sessionId: session.id, ts: T, metrics: { viewers: 900 } });
  expect(
    (
      await until(
        () => store.samples.value,
        (rows) => rows.length === 1,
      )
    )[0]?.metrics.viewers,
  ).toBe(900);

  await db.cues.put(cue);
  expect(
    (
      await until(
        () => store.openCues.value,
        (rows) => rows.length === 1,
      )
    )[0]?.id,
  ).toBe(cue.id);
  expect(
    (
      await until(
        () => store.todaysCues.value,
        (rows) => rows.length === 1,
      )
    )[0]?.id,
  ).toBe(cue.id);

  await db.cues.put({ ...cue, status: 'done' });
  await until(
    () => store.openCues.value,
    (rows) => rows.length === 0,
  );
});

it('reads the settings row and reports a failing write from status.get', async () => {
  await db.settings.put({ key: 'settings', value: { mode: 'streamer' } });
  await until(
    () => store.settings.value.mode,
    (mode) => mode === 'streamer',
  );
  expect(
    await until(
      () => store.warning.value,
      (w) => w.kind !== 'none',
    ),
  ).toEqual({
    kind: 'failing',
    error: 'QuotaExceededError',
  });
  expect(sent).toContainEqual({ type: 'status.get' });
});

it('reads a bad settings field as its default and keeps the good ones', async () => {
  await db.settings.put({ key: 'settings', value: { mode: 'streamer', locale: 'fr', sound: true } });
  const settings = await until(
    () => store.settings.value,
    (value) => value.mode === 'streamer',
  );
  expect(settings).toEqual({ locale: 'auto', mode: 'streamer', sound: true, overlay: false });
});

/** A fake of the worker's push port: `push` delivers a message. */
function fakePushPort() {
  const listeners: ((message: unknown) => void)[] = [];
  const drops: (() => void)[] = [];
  return {
    connect: () => {
      return {
        onMessage: { addListener: (l: (message: unknown) => void) => listeners.push(l) },
        onDisconnect: { addListener: (l: () => void) => drops.push(l) },
        disconnect: () => {},
      };
    },
    push: (message: unknown) => {
      for (const l of listeners) l(message);
    },
    /** The worker stops: its port drops. */
    drop: () => {
      for (const l of drops.splice(0)) l();
      listeners.length = 0;
    },
  };
}

/** Replaces the test's store by one the worker's (fake) push port feeds; returns the port. */
function storeFedByAPushPort(pushWaitMs?: number, readingWaitMs?: number) {
  store.dispose();
  const port = fakePushPort();
  store = createPanelStore(db, send, {
    wallClock: () => WALL,
    statusEveryMs: 60_000,
    connectLive: port.connect,
    pushWaitMs,
    readingWaitMs,
  });
  return port;
}

const health: SampleRow['health'] = { parsed: ['viewers'], failed: [], missing: [] };

it('shows pushed samples and cues before they are on disk, and never lets an older query answer undo them', async () => {
  const port = storeFedByAPushPort();
  // Stored before the panel sees the session: read once when it does.
  await db.samples.put({
    sessionId: session.id,
    ts: T - 1000,
    metrics: { viewers: 800 },
    health,
  });
  await db.sessions.put(session);
  await until(
    () => store.samples.value.at(-1)?.metrics.viewers,
    (v) => v === 800,
  );

  // Pushed, not written: on screen at once.
  const row = {
    sessionId: session.id,
    ts: T,
    metrics: { viewers: 950 },
    health,
  };
  port.push({ type: 'sample', row });
  expect(store.samples.value.at(-1)?.metrics.viewers).toBe(950);
  port.push({ type: 'cues', sessionId: session.id, open: [cue] });
  expect(store.openCues.value.map((c) => c.id)).toEqual([cue.id]);
  // Another session's push and a malformed message change nothing.
  port.push({ type: 'sample', row: { ...row, sessionId: 'other', ts: T + 5, metrics: { viewers: 1 } } });
  port.push({ type: 'cues', sessionId: session.id });
  expect(store.samples.value.at(-1)?.metrics.viewers).toBe(950);
  expect(store.openCues.value).toHaveLength(1);

  // A write of an older sample (a late resend) answers the query: the newest stays.
  await db.samples.put({ sessionId: session.id, ts: T - 500, metrics: { viewers: 700 }, health: row.health });
  await new Promise((r) => setTimeout(r, 50));
  expect(store.samples.value.at(-1)?.metrics.viewers).toBe(950);

  // The operator acts: the worker pushes the list without the cue, whatever the disk says meanwhile.
  await db.cues.put(cue);
  port.push({ type: 'cues', sessionId: session.id, open: [] });
  await new Promise((r) => setTimeout(r, 50));
  expect(store.openCues.value).toEqual([]);
});

it('shows a cue pushed for a session before the panel has read that session, and forgets pushes when the worker goes', async () => {
  const port = storeFedByAPushPort();
  await until(
    () => store.session.value,
    (s) => s === null,
  );
  // The worker decides a cue in a session whose row is not on disk yet.
  port.push({ type: 'cues', sessionId: session.id, open: [cue] });
  expect(store.openCues.value).toEqual([]);
  await db.sessions.put(session);
  await until(
    () => store.session.value,
    (s) => s?.id === session.id,
  );
  // No cue row was written: the cue on screen is the pushed one.
  expect(store.openCues.value.map((c) => c.id)).toEqual([cue.id]);

  // The worker stops before writing it: the database is the record again, and it holds no such cue.
  port.drop();
  expect(store.openCues.value).toEqual([]);
});

it("keeps today's cues as they are while samples move their session, and follows a cue written", async () => {
  await db.sessions.put(session);
  await db.cues.put(cue);
  const first = await until(
    () => store.todaysCues.value,
    (rows) => rows.length === 1,
  );
  for (let i = 1; i <= 3; i++) {
    await db.sessions.put({ ...session, lastSampleAt: T + i * 1000 });
    await db.samples.put({ sessionId: session.id, ts: T + i * 1000, metrics: { viewers: 900 + i } });
  }
  await until(
    () => store.session.value?.lastSampleAt,
    (at) => at === T + 3000,
  );
  await new Promise((r) => setTimeout(r, 50));
  // The same list, not a re-read copy: the panel does not render it again.
  expect(store.todaysCues.value).toBe(first);

  await db.cues.put({ ...cue, id: `${cue.id}:2`, firedAt: T + 2000 });
  expect(
    (
      await until(
        () => store.todaysCues.value,
        (rows) => rows.length === 2,
      )
    ).map((c) => c.firedAt),
  ).toEqual([T + 2000, T]);
});

it('follows the database for the newest sample while the worker has no port up, and the pushes while it has', async () => {
  const port = storeFedByAPushPort();
  await db.samples.put({ sessionId: session.id, ts: T - 1000, metrics: { viewers: 800 }, health });
  await db.sessions.put(session);
  await until(
    () => store.samples.value.at(-1)?.metrics.viewers,
    (v) => v === 800,
  );
  port.push({ type: 'sample', row: { sessionId: session.id, ts: T, metrics: { viewers: 950 }, health } });
  expect(store.samples.value.at(-1)?.metrics.viewers).toBe(950);

  // The worker stops: what is written from now on is read from the database as it lands.
  port.drop();
  await db.samples.put({ sessionId: session.id, ts: T + 1000, metrics: { viewers: 990 }, health });
  await until(
    () => store.samples.value.at(-1)?.metrics.viewers,
    (v) => v === 990,
  );
});

it("counts the current session among today's once it samples after midnight, though its ids were read before", async () => {
  const midnight = new Date(T);
  midnight.setHours(0, 0, 0, 0);
  const lastNight = {
    ...session,
    startedAt: midnight.getTime() - 3_600_000,
    lastSampleAt: midnight.getTime() - 1000,
  };
  await db.sessions.put(lastNight);
  await db.cues.put(cue);
  await until(
    () => store.session.value,
    (s) => s?.id === session.id,
  );
  await new Promise((r) => setTimeout(r, 50));
  expect(store.todaysCues.value).toEqual([]);
  // Its next reading is today's: the cue it fired today is one of today's.
  await db.sessions.put({ ...lastNight, lastSampleAt: T });
  expect(
    (
      await until(
        () => store.todaysCues.value,
        (rows) => rows.length === 1,
      )
    ).map((c) => c.id),
  ).toEqual([cue.id]);
});

describe('the early first read (panelFirstRead.ts)', () => {
  const sample: SampleRow = { sessionId: session.id, ts: T, metrics: { viewers: 900 } };
  const read = { session, openCues: [cue], latestSample: sample, settings: { mode: 'streamer' } };
  const options = { wallClock: () => WALL, statusEveryMs: 60_000 };

  it('is on screen from the store’s creation when it came first, until the live queries answer', async () => {
    const seeded = createPanelStore(db, send, {
      ...options,
      firstRead: { promise: Promise.resolve(read), settled: { read } },
    });
    expect(seeded.session.value?.id).toBe(session.id);
    expect(seeded.openCues.value.map((c) => c.id)).toEqual([cue.id]);
    expect(seeded.samples.value).toEqual([sample]);
    expect(seeded.settings.value.mode).toBe('streamer');
    expect(seeded.now.value).toBe(T);
    // The database holds no room: the live query's answer replaces the early one.
    await until(
      () => seeded.session.value,
      (s) => s === null,
    );
    await until(
      () => seeded.settings.value.mode,
      (mode) => mode === 'operator',
    );
    seeded.dispose();
  });

  it('fills the store when it comes later, but never over what the live queries already read', async () => {
    let answer: (value: typeof read) => void = () => {};
    const late = createPanelStore(db, send, {
      ...options,
      firstRead: { promise: new Promise((resolve) => (answer = resolve)) },
    });
    expect(late.session.value).toBeUndefined();
    answer(read);
    await until(
      () => late.session.value?.id,
      (id) => id === session.id,
    );
    late.dispose();

    // A settings row whose locale the early read lacks tells when the settings query has answered: the two
    // live queries answer in either order on a busy machine.
    await db.settings.put({ key: 'settings', value: { mode: 'operator', locale: 'en' } });
    const tooLate = createPanelStore(db, send, {
      ...options,
      firstRead: { promise: new Promise((resolve) => (answer = resolve)) },
    });
    await until(
      () => tooLate.session.value,
      (s) => s === null,
    );
    await until(
      () => tooLate.settings.value.locale,
      (locale) => locale === 'en',
    );
    answer(read);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tooLate.session.value).toBeNull();
    expect(tooLate.settings.value.mode).toBe('operator');
    tooLate.dispose();
  });
});

describe('the product list', () => {
  /** A product row stored for the session: what the panel folds when the worker ranks nothing for it. */
  const storedProduct = (productId: string, name: string) => ({
    sessionId: session.id,
    productId,
    ts: T - 60_000,
    name,
    price: 99,
    metrics: { sold: 3, stock: 40, impressions: 500, clicks: 60 },
  });
  /** A list as the worker ranks it from its engine's book (lib/core/products/roomRanking.ts). */
  const pushedRanking = (name: string): ProductRanking => ({
    pinned: null,
    next: [
      {
        id: 'p-pushed',
        name,
        price: 59,
        rank: 1,
        score: 16,
        pinned: false,
        soldOut: false,
        funnel: {
          impressions: 10,
          clicks: 1,
          carts: null,
          sold: 0,
          ctr: 0.1,
          clickToCart: null,
          cartToSold: null,
          clickToSold: null,
        },
        stock: 5,
        gmv: null,
        sellPerMin: null,
        clicksPerMin: null,
        explainedSec: 0,
        explainCount: 0,
        reason: { key: 'rank.reason.notExplained', params: {} },
      },
    ],
    roomCtr: null,
    roomClickToSold: null,
  });
  const shownIds = () => store.products?.value?.next.map((product) => product.id) ?? [];

  /**
   * A store fed by a push port (a list is awaited 30 ms) following the live session, which has one product
   * row stored; `read` counts the product table's reads from then on.
   */
  async function followingOneStoredProduct(readingWaitMs?: number) {
    const port = storeFedByAPushPort(30, readingWaitMs);
    await db.productSnapshots.put(storedProduct('p-stored', 'Stored scarf'));
    const read = vi.spyOn(db.productSnapshots, 'where');
    await db.sessions.put(session);
    await until(
      () => store.session.value,
      (s) => s?.id === session.id,
    );
    return { port, read };
  }

  it('shows the list the worker pushes for a live session, reading no product row while it comes', async () => {
    const { port, read } = await followingOneStoredProduct();
    port.push({ type: 'products', sessionId: session.id, ranking: pushedRanking('Silk shirt') });
    expect(shownIds()).toEqual(['p-pushed']);
    // Each sample brings the list again; a malformed push changes nothing.
    port.push({ type: 'products', sessionId: session.id, ranking: pushedRanking('Silk shirt, blue') });
    port.push({ type: 'products', sessionId: session.id, ranking: { next: 'none' } });
    expect(store.products?.value?.next[0]?.name).toBe('Silk shirt, blue');
    // A room that shows no list is pushed as none.
    port.push({ type: 'products', sessionId: session.id, ranking: null });
    expect(store.products?.value).toBeNull();
    await new Promise((r) => setTimeout(r, 90));
    expect(read).not.toHaveBeenCalled();
  });

  it('folds the stored rows itself when no list comes in time, until one does, and waits again when the worker goes', async () => {
    const port = storeFedByAPushPort(30);
    await db.productSnapshots.bulkPut([storedProduct('p-a', 'Scarf'), storedProduct('p-b', 'Shirt')]);
    await db.sessions.put(session);
    // A worker that holds no engine of the session (its page gone quiet) pushes nothing: after the wait the
    // panel folds the rows.
    await until(shownIds, (ids) => ids.length === 2);
    expect(shownIds().sort()).toEqual(['p-a', 'p-b']);

    port.push({ type: 'products', sessionId: session.id, ranking: pushedRanking('Silk shirt') });
    expect(shownIds()).toEqual(['p-pushed']);
    // Another session's list is not this one's.
    port.push({ type: 'products', sessionId: 'other', ranking: null });
    expect(shownIds()).toEqual(['p-pushed']);

    // The worker stops: what it pushed goes with it. The panel does not fold the rows at once: the next
    // status poll connects again (waking the worker), and only a list that does not come then is folded here.
    port.drop();
    expect(shownIds()).toEqual([]);
    await new Promise((r) => setTimeout(r, 90));
    expect(shownIds()).toEqual([]);
  });

  it('folds the rows of a room gone quiet (no reading for 10 s: its page closed) at once, without the wait for a list', async () => {
    // A wait for a list longer than the test: only the room's silence can make the panel fold.
    storeFedByAPushPort(60_000);
    await db.productSnapshots.put(storedProduct('p-stored', 'Stored scarf'));
    await db.sessions.put({ ...session, lastSampleAt: T - 9_000 });
    await until(
      () => store.session.value,
      (s) => s?.id === session.id,
    );
    await new Promise((r) => setTimeout(r, 60));
    expect(shownIds()).toEqual([]);
    // Its page closed: the readings stopped ten seconds ago.
    await db.sessions.put({ ...session, lastSampleAt: T - 10_000 });
    await until(shownIds, (ids) => ids.length === 1);
    expect(shownIds()).toEqual(['p-stored']);
  });

  it('waits for the list of a session the worker is still reading, with no row read meanwhile', async () => {
    const { port, read } = await followingOneStoredProduct();
    // A worker restarted late in an evening reads the session's rows before it can rank them.
    port.push({ type: 'productsReading', sessionId: session.id });
    expect(store.productsReading?.value).toBe(true);
    expect(store.products?.value).toBeNull();
    await new Promise((r) => setTimeout(r, 90));
    expect(read).not.toHaveBeenCalled();
    port.push({ type: 'products', sessionId: session.id, ranking: pushedRanking('Silk shirt') });
    expect(store.productsReading?.value).toBe(false);
    expect(shownIds()).toEqual(['p-pushed']);
  });

  it('folds the rows itself when the worker says it is reading for too long (its read keeps failing)', async () => {
    const { port } = await followingOneStoredProduct(120);
    port.push({ type: 'productsReading', sessionId: session.id });
    expect(store.productsReading?.value).toBe(true);
    await until(shownIds, (ids) => ids.length === 1);
    expect(shownIds()).toEqual(['p-stored']);
    expect(store.productsReading?.value).toBe(false);
  });
});
