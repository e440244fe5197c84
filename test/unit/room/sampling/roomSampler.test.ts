// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRoomSampler, type TimedReading } from '../../../../lib/room/sampling/roomSampler';
import { genericAdapter } from '../../../../lib/room/sites/adapters/generic';
import { createRoomReader } from '../../../../lib/room/sites/labelReader';
import { useFakeClockAndFrames } from '../fakeClockAndFrames';

// The sampler on a fake clock (vitest's timers move Date.now too): the reader's first look waits for the
// values to hold still, then every change is posted from the observer callback itself.

const clock = () => Date.now();

function room() {
  document.body.innerHTML = `
    <section id="metrics">
      <div class="c-1"><span class="n-1">实时在线人数</span><div class="d-1"><span id="viewers">1,000</span></div></div>
      <div class="c-1"><span class="n-1">成交金额</span><div class="d-1"><span id="gmv">¥500</span></div></div>
    </section>
    <ul id="feed"><li>小鹿：好看</li><li>阿杰：链接</li><li>momo：已拍</li></ul>`;
  return createRoomReader(document, genericAdapter, {}, { sampleNow: clock });
}

const flush = () => new Promise<void>((r) => queueMicrotask(r)).then(() => vi.advanceTimersByTimeAsync(0));
/** Long enough for the page to draw two frames (every 16 ms) after a change, and the settle check to read. */
const twoFramesDrawn = () => vi.advanceTimersByTimeAsync(50);

describe('startRoomSampler', () => {
  let posts: TimedReading[];
  beforeEach(() => {
    useFakeClockAndFrames();
    vi.setSystemTime(1_700_000_000_000);
    posts = [];
  });
  afterEach(() => vi.useRealTimers());

  const start = async (reader = room()) => {
    const stop = startRoomSampler({ reader, now: clock, post: (s) => posts.push(s), heartbeatMs: 1000 });
    await vi.advanceTimersByTimeAsync(700);
    return stop;
  };

  it('posts the first reading once the page held still, a value’s first change once it held still too, then each change from the observer callback', async () => {
    const stop = startRoomSampler({
      reader: room(),
      now: clock,
      post: (s) => posts.push(s),
      heartbeatMs: 1000,
    });
    expect(posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(700);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.reading.metrics).toEqual({ viewers: 1000, gmv: 500 });

    await vi.advanceTimersByTimeAsync(120);
    const viewers = document.getElementById('viewers')!;
    // The first change might be a count-up's first frame: it waits until the page drew two frames without a move.
    viewers.textContent = '1,250';
    await flush();
    expect(posts).toHaveLength(1);
    await twoFramesDrawn();
    expect(posts).toHaveLength(2);
    expect(posts[1]!.reading.metrics).toEqual({ viewers: 1250, gmv: 500 });
    // It held still alone, so the value is plain: its next change is posted from the observer callback itself.
    await vi.advanceTimersByTimeAsync(1000);
    viewers.textContent = '1,300';
    await flush();
    expect(posts.at(-1)).toMatchObject({ ts: clock(), reading: { metrics: { viewers: 1300, gmv: 500 } } });
    stop();
  });

  it('takes its first look in a task after the one that started it (loading the script, finding the comments)', async () => {
    const reader = room();
    const stop = startRoomSampler({ reader, now: clock, post: (s) => posts.push(s), heartbeatMs: 1000 });
    expect(reader.reads()).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(reader.reads()).toBe(1);
    stop();
  });

  it('reads tiles rendered after the start at once, without waiting for the periodic rescan', async () => {
    document.body.innerHTML = '<section id="metrics"></section>';
    const stop = await start(createRoomReader(document, genericAdapter, {}, { sampleNow: clock }));
    expect(posts[0]!.reading.health.parsed).toEqual([]);

    await vi.advanceTimersByTimeAsync(50);
    document.getElementById('metrics')!.innerHTML =
      '<div><span>实时在线人数</span><div><span>2,400</span></div></div>';
    await flush();
    expect(posts.at(-1)).toMatchObject({ ts: clock(), reading: { metrics: { viewers: 2400 } } });
    stop();
  });

  it('holds a count-up until it stops and posts where it stopped, never a frame', async () => {
    const stop = await start();
    const viewers = document.getElementById('viewers')!;
    await vi.advanceTimersByTimeAsync(1000);
    for (const frame of ['1,020', '1,090', '1,180', '1,240', '1,250']) {
      viewers.textContent = frame;
      await flush();
      await vi.advanceTimersByTimeAsync(16);
    }
    await vi.advanceTimersByTimeAsync(1000);
    const shown = new Set(posts.map((p) => p.reading.metrics.viewers));
    // The first frame after a long quiet looks like a plain change, but a value's first change waits for two
    // drawn frames: the second frame moved it, and from then on the page is known to animate.
    expect([...shown]).toEqual([1000, 1250]);
    expect(posts.at(-1)!.reading.metrics.viewers).toBe(1250);
    stop();
  });

  it('takes no middle frame of a count-up starved of frames, however long it held still, until the page drew', async () => {
    const stop = await start();
    const viewers = document.getElementById('viewers')!;
    await vi.advanceTimersByTimeAsync(1000);
    // Then the machine gets busy: timers still run, but the page draws no frame for a second and a half.
    let queued: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => queued.push(callback));
    vi.stubGlobal('cancelAnimationFrame', () => {});
    const draw = async () => {
      for (const pass of [1, 2]) {
        const due = queued;
        queued = [];
        for (const callback of due) callback(performance.now() + pass);
        await flush();
      }
    };
    try {
      for (const frame of ['1,020', '1,090', '1,180']) {
        viewers.textContent = frame;
        await flush();
        await vi.advanceTimersByTimeAsync(16);
      }
      await vi.advanceTimersByTimeAsync(1500);
      expect(posts.map((p) => p.reading.metrics.viewers)).not.toContain(1180);
      // The page's next frame ends the count-up; the check after it waits for the value to hold still.
      viewers.textContent = '1,250';
      await draw();
      for (let i = 0; i < 8; i++) {
        await vi.advanceTimersByTimeAsync(125);
        await draw();
      }
      expect([...new Set(posts.map((p) => p.reading.metrics.viewers))]).toEqual([1000, 1250]);
    } finally {
      vi.unstubAllGlobals();
      stop();
    }
  });

  it('on a page known to animate, posts every value of a tile that refreshes four times a second', async () => {
    const stop = await start();
    const viewers = document.getElementById('viewers')!;
    await vi.advanceTimersByTimeAsync(1000);
    // A count-up marks the page as animating…
    for (const frame of ['1,020', '1,090', '1,250']) {
      viewers.textContent = frame;
      await flush();
      await vi.advanceTimersByTimeAsync(16);
    }
    await vi.advanceTimersByTimeAsync(500);
    // …then the tile changes every 230–260 ms (some closer than a burst): each value, held that long, is posted.
    const values = Array.from({ length: 20 }, (_, i) => 1300 + i * 7);
    for (const [i, value] of values.entries()) {
      viewers.textContent = value.toLocaleString('en-US');
      await flush();
      await vi.advanceTimersByTimeAsync(i % 2 ? 230 : 260);
    }
    const posted = posts.map((p) => p.reading.metrics.viewers);
    for (const value of values) expect(posted).toContain(value);
    stop();
  });

  it('skips mutations that change no value, and posts the full reading on each heartbeat of a quiet room', async () => {
    const stop = await start();
    expect(posts).toHaveLength(1);
    document.getElementById('viewers')!.textContent = '1,000';
    document.getElementById('viewers')!.setAttribute('title', 'x');
    await flush();
    expect(posts).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(3000);
    // One a second, but none within a second of the last post.
    expect(posts.length).toBeGreaterThanOrEqual(3);
    expect(posts.every((p) => p.reading.metrics.gmv === 500)).toBe(true);
    stop();
  });

  it('says so when no number on the page changed for a while, and when the tab is hidden', async () => {
    const stop = await start();
    await vi.advanceTimersByTimeAsync(12_000);
    expect(posts.at(-1)!.reading.health.frozenSec).toBeGreaterThanOrEqual(10);
    document.getElementById('gmv')!.textContent = '¥510';
    await flush();
    expect(posts.at(-1)!.reading.health.frozenSec).toBeUndefined();
    stop();
  });

  it('reports a value that turns unreadable as null with the raw text', async () => {
    const stop = await start();
    await vi.advanceTimersByTimeAsync(500);
    document.getElementById('gmv')!.textContent = '--';
    await flush();
    await twoFramesDrawn();
    expect(posts.at(-1)!.reading.metrics.gmv).toBeNull();
    expect(posts.at(-1)!.reading.health.failed).toEqual([{ metric: 'gmv', raw: '--', reason: 'dash' }]);
    stop();
  });

  it('stops observing and beating after stop()', async () => {
    const stop = await start();
    const before = posts.length;
    stop();
    document.getElementById('viewers')!.textContent = '9,999';
    await flush();
    await vi.advanceTimersByTimeAsync(5000);
    expect(posts).toHaveLength(before);
  });

  it('stops itself and reports when posting fails (the extension context went away)', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    startRoomSampler({
      reader: room(),
      now: clock,
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
