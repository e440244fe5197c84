// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRoomSampler, type TimedReading } from '../../../../lib/room/sampling/roomSampler';
import { genericAdapter } from '../../../../lib/room/sites/adapters/generic';
import { createRoomReader } from '../../../../lib/room/sites/labelReader';

let clock = 0;

function room() {
  document.body.innerHTML = `
    <section id="metrics">
      <div class="c-1"><span class="n-1">实时在线人数</span><div class="d-1"><span id="viewers">1,000</span></div></div>
      <div class="c-1"><span class="n-1">成交金额</span><div class="d-1"><span id="gmv">¥500</span></div></div>
    </section>
    <ul id="feed"><li>小鹿：好看</li><li>阿杰：链接</li><li>momo：已拍</li></ul>`;
  return createRoomReader(document, genericAdapter, {}, { sampleNow: () => clock });
}

const flush = () => new Promise<void>((r) => queueMicrotask(r)).then(() => vi.advanceTimersByTimeAsync(0));

describe('startRoomSampler', () => {
  let posts: TimedReading[];
  beforeEach(() => {
    vi.useFakeTimers();
    posts = [];
    clock = 1_700_000_000_000;
  });
  afterEach(() => vi.useRealTimers());

  const start = (reader = room()) =>
    startRoomSampler({
      reader,
      now: () => clock,
      post: (s) => posts.push(s),
      heartbeatMs: 1000,
      startupMs: 0,
    });

  it('posts the first reading at once, then each change from the observer callback', async () => {
    const stop = start();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.reading.metrics).toEqual({ viewers: 1000, gmv: 500 });

    clock += 120;
    document.getElementById('viewers')!.textContent = '1,250';
    await flush();
    expect(posts).toHaveLength(2);
    expect(posts[1]).toMatchObject({ ts: clock, reading: { metrics: { viewers: 1250, gmv: 500 } } });
    stop();
  });

  it('reads tiles rendered after the start at once, without waiting for the periodic rescan', async () => {
    document.body.innerHTML = '<section id="metrics"></section>';
    const stop = start(createRoomReader(document, genericAdapter, {}, { sampleNow: () => clock }));
    expect(posts[0]!.reading.health.parsed).toEqual([]);

    clock += 50;
    document.getElementById('metrics')!.innerHTML =
      '<div><span>实时在线人数</span><div><span>2,400</span></div></div>';
    await flush();
    expect(posts.at(-1)).toMatchObject({ ts: clock, reading: { metrics: { viewers: 2400 } } });
    stop();
  });

  it('skips mutations that change no value, and still posts the full reading on each heartbeat', async () => {
    const stop = start();
    document.getElementById('viewers')!.textContent = '1,000';
    document.getElementById('viewers')!.setAttribute('title', 'x');
    await flush();
    expect(posts).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(3000);
    expect(posts).toHaveLength(4);
    expect(posts.every((p) => p.reading.metrics.gmv === 500)).toBe(true);
    stop();
  });

  it('reports a value that turns unreadable as null with the raw text', async () => {
    const stop = start();
    document.getElementById('gmv')!.textContent = '--';
    await flush();
    expect(posts.at(-1)!.reading.metrics.gmv).toBeNull();
    expect(posts.at(-1)!.reading.health.failed).toEqual([{ metric: 'gmv', raw: '--', reason: 'dash' }]);
    stop();
  });

  it('stops observing and beating after stop()', async () => {
    const stop = start();
    stop();
    document.getElementById('viewers')!.textContent = '9,999';
    await flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(posts).toHaveLength(1);
  });

  it('stops itself and reports when posting fails (the extension context went away)', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    startRoomSampler({
      reader: room(),
      startupMs: 0,
      now: () => clock,
      post: () => {
        calls++;
        if (calls > 1) throw new Error('Extension context invalidated.');
      },
      onError: (e) => errors.push(e),
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});
