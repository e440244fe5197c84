import { describe, expect, it } from 'vitest';
import { FakeRoomPort, failWritesFor, freshWorker, RoomPage, sleep, until } from './workerHarness';

// The room port listener on WXT's fakeBrowser: what a page is told for what it sends.

describe('setupRoomPort', () => {
  it('welcomes a room with its site’s bindings and acknowledges samples once they are stored', async () => {
    const worker = freshWorker();
    await worker.command({ type: 'settings.update', patch: { bindings: { douyin: { gmv: '#gmv' } } } });
    const page = new RoomPage(() => worker, 1, 'douyin', 'r1');
    const t0 = Date.now() - 10_000;
    page.post([page.sample(t0, { viewers: 10 }), page.sample(t0 + 1000, { viewers: 11 })]);
    await until(() => page.ackedUpTo() === 2, 4000, 'acknowledged');
    await until(() => page.messages('bindings').length > 0, 4000, 'welcomed');
    expect(page.messages('bindings')).toEqual([{ type: 'bindings', bindings: { gmv: '#gmv' } }]);
    expect((await worker.db.samples.toArray()).map((row) => row.metrics.viewers)).toEqual([10, 11]);
    // A worker's start stores the samples it was woken for first: the welcome follows their acknowledgement.
    const types = page.port.received.map((message) => message.type);
    expect(types.indexOf('ack')).toBeLessThan(types.indexOf('bindings'));
  });

  it('ignores other ports and messages that fail validation, and refuses a bad sample by its seq', async () => {
    const worker = freshWorker();
    const other = Object.assign(new FakeRoomPort({ tab: { id: 1, url: 'https://x.test/' } }), {
      name: 'other',
    });
    worker.connect(other as FakeRoomPort);
    other.onMessage.fire({ type: 'samples', samples: [] });
    const page = new RoomPage(() => worker, 2, 'douyin', 'r1');
    page.port.onMessage.fire({ type: 'hello' });
    page.port.onMessage.fire({ type: 'samples', samples: [{ ts: 'now' }] });
    await sleep(50);
    expect(other.received).toEqual([]);
    expect(page.port.received).toEqual([]);

    // One sample breaks the contract (a product name far too long): it is refused, the other stored.
    const good = page.sample(Date.now() - 1000, { viewers: 5 });
    const bad = { ...page.sample(Date.now() - 500, { viewers: 6 }), product: { name: '围'.repeat(5000) } };
    page.post([good, bad]);
    await until(() => page.ackedUpTo() === 2, 4000, 'answered');
    expect(page.messages('refused')).toEqual([{ type: 'refused', seqs: [2], reason: 'invalid' }]);
    expect((await worker.db.samples.toArray()).map((row) => row.metrics.viewers)).toEqual([5]);
  });

  it('never acknowledges a sample of an oversize message it did not look at', async () => {
    const worker = freshWorker();
    const page = new RoomPage(() => worker, 1, 'douyin', 'big');
    const t0 = Date.now() - 3_600_000;
    const samples = Array.from({ length: 1200 }, (_, i) => page.sample(t0 + i * 1000, { viewers: i + 1 }));
    // Past the cap of one message (1000) and out of order: seq 5 comes last and is not looked at.
    const [fifth] = samples.splice(4, 1);
    page.post([...samples, fifth!]);
    await until(() => page.ackedUpTo() > 0, 8000, 'acknowledged');
    await sleep(100);
    expect(page.ackedUpTo()).toBe(4);
    const stored = new Set((await worker.db.samples.toArray()).map((row) => row.metrics.viewers));
    expect(stored.has(5)).toBe(false);
    // Every sample the ack covers was stored.
    for (let seq = 1; seq <= page.ackedUpTo(); seq++) expect(stored.has(seq)).toBe(true);
    // The port is dropped, so no later ack can cover seq 5: the room reconnects and resends what it holds.
    expect(page.port.connected).toBe(false);
    page.connect();
    page.resend();
    await until(() => page.ackedUpTo() === 1200, 8000, 'all acknowledged');
    expect(await worker.db.samples.count()).toBe(1200);
  });

  it('refuses a reading with no number and reports the room as unread', async () => {
    const worker = freshWorker();
    const page = new RoomPage(() => worker, 1, 'kuaishou', 'r1');
    page.post([
      page.sample(Date.now() - 1000, {}, { health: { parsed: [], failed: [], missing: ['viewers'] } }),
    ]);
    await until(() => page.ackedUpTo() === 1, 4000, 'answered');
    expect(page.messages('refused')).toEqual([{ type: 'refused', seqs: [1], reason: 'unread' }]);
    expect(await worker.command({ type: 'status.get' })).toMatchObject({
      data: { unreadRooms: [{ site: 'kuaishou', roomKey: 'r1' }] },
    });
  });

  it('acknowledges batches in order even when a later one is stored first', async () => {
    const worker = freshWorker();
    const disk = failWritesFor(worker.db);
    const t0 = Date.now() - 10_000;
    const page = new RoomPage(() => worker, 1, 'douyin', 'slow');
    page.post([page.sample(t0, { viewers: 1 })]);
    await until(() => page.ackedUpTo() === 1, 4000, 'first acknowledged');
    disk.tags.add('douyin:slow:');
    page.post([page.sample(t0 + 1000, { viewers: 2 })]);
    // The same port reads another room (the app navigated): its batch lands while the first waits.
    const other = page.sample(t0 + 2000, { viewers: 3 }, { roomKey: 'fast' });
    page.post([other]);
    await sleep(300);
    expect(page.ackedUpTo()).toBe(1);
    disk.tags.clear();
    await until(() => page.ackedUpTo() === 3, 8000, 'both acknowledged');
    expect(page.messages('ack').map((m) => m.upTo)).toEqual([1, 2, 3]);
  });

  it('saves a binding picked on the page and hands it to every room of the site', async () => {
    const worker = freshWorker();
    const a = new RoomPage(() => worker, 1, 'douyin', 'r1');
    const b = new RoomPage(() => worker, 2, 'douyin', 'r2');
    for (const page of [a, b]) page.post([page.sample(Date.now() - 1000, { viewers: 1 })]);
    await until(
      () => a.messages('bindings').length === 1 && b.messages('bindings').length === 1,
      4000,
      'welcomed',
    );
    a.port.onMessage.fire({ type: 'binding.picked', site: 'douyin', metric: 'likes', selector: '#likes' });
    await until(() => b.messages('bindings').length === 2, 4000, 'the new bindings');
    expect(b.messages('bindings').at(-1)).toEqual({ type: 'bindings', bindings: { likes: '#likes' } });
    expect((await worker.services.settings.get()).bindings).toEqual({ douyin: { likes: '#likes' } });
  });

  it('lets another tab take a room over once the tab that fed it has moved on to another room', async () => {
    let wall = Date.now();
    const worker = freshWorker({ wallNow: () => wall });
    const t0 = wall - 60_000;
    const first = new RoomPage(() => worker, 1, 'douyin', 'x');
    const second = new RoomPage(() => worker, 2, 'douyin', 'x');
    first.post([first.sample(t0, { viewers: 1 })]);
    await until(() => first.ackedUpTo() === 1, 4000, 'first acknowledged');
    second.post([second.sample(t0 + 1000, { viewers: 2 })]);
    await until(() => second.refused().get(1) === 'duplicate-tab', 4000, 'second refused');
    // The first tab's app navigates to another room and keeps reporting from there.
    wall += 25_000;
    first.post([first.sample(t0 + 25_000, { viewers: 3 }, { roomKey: 'y' })]);
    second.post([second.sample(t0 + 25_000, { viewers: 4 })]);
    await until(() => second.ackedUpTo() === 2, 4000, 'second acknowledged');
    expect(second.refused().has(2)).toBe(false);
    expect(second.messages('room.duplicate').map((m) => m.duplicate)).toEqual([true, false]);
  });

  it('lets no tab claim a room with readings that carry no number', async () => {
    const worker = freshWorker();
    const t0 = Date.now() - 60_000;
    const blank = { health: { parsed: [], failed: [], missing: ['viewers' as const] } };
    const loading = new RoomPage(() => worker, 1, 'douyin', 'x');
    const live = new RoomPage(() => worker, 2, 'douyin', 'x');
    // A tab still loading reports first, on a later clock; the tab with numbers still feeds the room.
    loading.post([loading.sample(t0 + 30_000, {}, blank)]);
    await until(() => loading.ackedUpTo() === 1, 4000, 'loading answered');
    live.post([live.sample(t0, { viewers: 1 })]);
    await until(() => live.ackedUpTo() === 1, 4000, 'live acknowledged');
    expect(live.refused().size).toBe(0);
    loading.post([loading.sample(t0 + 31_000, { viewers: 9 })]);
    await until(() => loading.refused().get(2) === 'duplicate-tab', 4000, 'the loaded tab is a duplicate');
  });
});
