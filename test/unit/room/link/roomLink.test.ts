import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../../lib/core/messages/sample';
import { createRoomLink, type PortLike } from '../../../../lib/room/link/roomLink';

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

function setup() {
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
