import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../../lib/core/messages/sample';
import { createRoomLink, type PortLike } from '../../../../lib/room/link/roomLink';
import { SampleBuffer } from '../../../../lib/room/link/sampleBuffer';

// The content script's side of the room port: unacknowledged samples survive a dropped port (a stopped
// worker) and go again, in messages small enough for the background to accept.

class FakePort implements PortLike {
  sent: { type: string; samples?: Sample[] }[] = [];
  private onMessages: ((m: unknown) => void)[] = [];
  private onDisconnects: (() => void)[] = [];
  postMessage(message: unknown) {
    this.sent.push(message as { type: string });
  }
  disconnect() {}
  onMessage = { addListener: (l: (m: unknown) => void) => this.onMessages.push(l) };
  onDisconnect = { addListener: (l: () => void) => this.onDisconnects.push(l) };
  deliver(message: unknown) {
    for (const l of this.onMessages) l(message);
  }
  drop() {
    for (const l of this.onDisconnects) l();
  }
}

const sample = (ts: number): Omit<Sample, 'seq'> => ({
  ts,
  site: 'generic',
  roomKey: 'r',
  metrics: { viewers: ts },
  health: { parsed: ['viewers'], failed: [], missing: [] },
});

function setup(
  onHealth?: Parameters<typeof createRoomLink>[0]['onHealth'],
  more: Partial<Parameters<typeof createRoomLink>[0]> = {},
) {
  const ports: FakePort[] = [];
  const scheduled: (() => void)[] = [];
  const link = createRoomLink({
    connect: () => {
      const port = new FakePort();
      ports.push(port);
      return port;
    },
    onMessage: () => {},
    isContextValid: () => true,
    schedule: (fn) => scheduled.push(fn),
    onHealth,
    // These tests look at what is sent, not how often: no rate limit.
    postsPerSecond: Number.POSITIVE_INFINITY,
    ...more,
  });
  const reconnect = () => scheduled.shift()?.();
  return { link, ports, reconnect };
}

describe('createRoomLink', () => {
  it('forgets acknowledged samples and resends the rest after the port drops', () => {
    const { link, ports, reconnect } = setup();
    for (let ts = 1; ts <= 5; ts++) link.send(sample(ts));
    ports[0]!.deliver({ type: 'ack', upTo: 3 });
    expect(link.pending()).toBe(2);

    ports[0]!.drop();
    reconnect();
    const resent = ports[1]!.sent.flatMap((m) => m.samples ?? []);
    expect(resent.map((s) => s.seq)).toEqual([4, 5]);
  });

  it('splits a long resend into messages of at most 1000 samples', () => {
    const { link, ports, reconnect } = setup();
    for (let ts = 1; ts <= 2500; ts++) link.send(sample(ts));
    ports[0]!.drop();
    reconnect();
    const sizes = ports[1]!.sent.map((m) => m.samples?.length);
    expect(sizes).toEqual([1000, 1000, 500]);
  });
});

describe('posting to the port', () => {
  function timed() {
    let ms = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const ports: FakePort[] = [];
    const link = createRoomLink({
      connect: () => {
        const port = new FakePort();
        ports.push(port);
        return port;
      },
      onMessage: () => {},
      isContextValid: () => true,
      schedule: () => {},
      clock: () => ms,
      later: (fn, wait) => timers.push({ at: ms + wait, fn }),
    });
    const advance = (by: number) => {
      ms += by;
      const due = timers.filter((t) => t.at <= ms);
      timers.splice(0, timers.length, ...timers.filter((t) => t.at > ms));
      for (const timer of due) timer.fn();
    };
    return { link, port: () => ports[0]!, advance };
  }

  it('posts each sample at once while the last second holds fewer than 10 messages, a burst past that in one trailing message', () => {
    const { link, port, advance } = timed();
    for (let ts = 1; ts <= 10; ts++) {
      link.send(sample(ts));
      advance(30);
    }
    // Ten changes in 300 ms: each went at once.
    expect(port().sent).toHaveLength(10);
    for (let ts = 11; ts <= 15; ts++) {
      link.send(sample(ts));
      advance(30);
    }
    expect(port().sent).toHaveLength(10);
    // The window frees up a second after the first message: the burst's rest goes in one message.
    advance(600);
    expect(port().sent).toHaveLength(11);
    expect(
      port()
        .sent.at(-1)!
        .samples!.map((s) => s.ts),
    ).toEqual([11, 12, 13, 14, 15]);
  });
});

describe('SampleBuffer', () => {
  it('caps the backlog in bytes, dropping the oldest', () => {
    const buffer = new SampleBuffer(1000, 2000);
    for (let seq = 1; seq <= 50; seq++) buffer.push({ ...sample(seq), seq } as Sample);
    expect(buffer.bytes).toBeLessThanOrEqual(2000);
    expect(buffer.size).toBeLessThan(50);
    expect(buffer.chunks(100)[0]!.at(-1)!.seq).toBe(50);
  });
});

describe('createRoomLink sample times', () => {
  const times = (port: FakePort) => port.sent.flatMap((m) => m.samples ?? []).map((s) => s.ts);

  it('are strictly increasing: a second reading in one millisecond goes a millisecond later', () => {
    const { link, ports } = setup();
    for (const ts of [1000, 1000, 1000, 2000, 2000, 3000]) link.send(sample(ts));
    expect(times(ports[0]!)).toEqual([1000, 1001, 1002, 2000, 2001, 3000]);
  });

  it('keep the page’s timeline when its clock is set back, and say by how much', () => {
    const { link, ports } = setup();
    const T = 1_800_000_000_000;
    link.send(sample(T));
    link.send(sample(T + 1000));
    // The computer's clock goes back ten minutes: readings go on from where the page was, a second apart.
    link.send(sample(T + 1000 - 600_000));
    link.send(sample(T + 2000 - 600_000));
    link.send(sample(T + 3000 - 600_000));
    expect(times(ports[0]!)).toEqual([T, T + 1000, T + 1001, T + 2001, T + 3001]);
    expect(link.health().clockSetBackMs).toBe(600_001);
  });

  it('let a reading with no number neither set the timeline nor fall behind it', () => {
    const { link, ports } = setup();
    const blank = (ts: number) => ({
      ...sample(ts),
      metrics: {},
      health: { parsed: [], failed: [], missing: [] },
    });
    // A page blank on the wall clock, then numbers on an earlier clock (the e2e mock room's scenario time).
    link.send(blank(5_000_000));
    link.send(sample(1_000_000));
    link.send(blank(900_000));
    link.send(sample(1_001_000));
    expect(times(ports[0]!)).toEqual([5_000_000, 1_000_000, 1_000_001, 1_001_000]);
    expect(link.health().clockSetBackMs).toBe(0);
  });
});

describe('createRoomLink health', () => {
  it('counts what the background refused and knows when another tab feeds the room', () => {
    const reports: ReturnType<ReturnType<typeof createRoomLink>['health']>[] = [];
    const { link, ports } = setup((health) => reports.push(health));
    for (let ts = 1; ts <= 4; ts++) link.send(sample(ts));
    ports[0]!.deliver({ type: 'room.duplicate', duplicate: true, feedingTabId: 7 });
    ports[0]!.deliver({ type: 'refused', seqs: [1, 2, 3], reason: 'duplicate-tab' });
    ports[0]!.deliver({ type: 'ack', upTo: 4 });
    expect(link.health()).toEqual({
      duplicate: true,
      feedingTabId: 7,
      refused: { 'duplicate-tab': 3 },
      clockSetBackMs: 0,
      commentsDropped: 0,
    });
    expect(link.pending()).toBe(0);
    ports[0]!.deliver({ type: 'room.duplicate', duplicate: false });
    expect(reports.at(-1)?.duplicate).toBe(false);
  });
});

describe('createRoomLink waiting comments', () => {
  const flood = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ ts: from, user: `u${i % 50}`, text: `扣${i}` }));
  const carried = (port: FakePort) =>
    port.sent.flatMap((m) => m.samples ?? []).flatMap((s) => s.comments ?? []);

  it('keeps a flood of 10,000 in one second whole and hands it on in order, 200 per reading', () => {
    const { link, ports } = setup();
    const T = 1_800_000_000_000;
    link.addComments(flood(T, 10_000));
    for (let i = 1; i <= 50; i++) link.send(sample(T + i * 1000));
    const comments = carried(ports[0]!);
    expect(comments.map((c) => c.text)).toEqual(Array.from({ length: 10_000 }, (_, i) => `扣${i}`));
    expect(link.health().commentsDropped).toBe(0);
  });

  it('past its byte bound gives up the oldest, counts them and says so on every later reading', () => {
    const reports: number[] = [];
    const { link, ports } = setup((health) => reports.push(health.commentsDropped), {
      maxWaitingCommentBytes: 10_000,
    });
    link.addComments(flood(1000, 1000));
    const dropped = link.health().commentsDropped;
    expect(dropped).toBeGreaterThan(0);
    expect(reports.at(-1)).toBe(dropped);
    link.send(sample(5000));
    link.send(sample(6000));
    const samples = ports[0]!.sent.flatMap((m) => m.samples ?? []);
    expect(samples.map((s) => s.health.commentsDropped)).toEqual([dropped, dropped]);
    // What was kept is the newest, in order, and with what was given up it is every comment read.
    const kept = carried(ports[0]!);
    expect(kept.length + dropped).toBe(1000);
    expect(kept.at(-1)?.text).toBe('扣999');
  });

  it('names its page load on every sample', () => {
    const { link, ports } = setup(undefined, { pageId: 'load-7' });
    link.send(sample(1));
    expect(ports[0]!.sent[0]!.samples![0]).toMatchObject({ page: 'load-7', seq: 1 });
  });
});
