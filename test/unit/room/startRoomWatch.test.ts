// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sample } from '../../../lib/core/messages/sample';
import type { RoomLink } from '../../../lib/room/link/roomLink';
import { startRoomWatch } from '../../../lib/room/startRoomWatch';
import { useFakeClockAndFrames } from './fakeClockAndFrames';
import { mountFixture } from './sites/loadFixture';

// The content script's watch over one page, with a link that only records what it is given: the reader
// and the sampler on a fake clock (frames too, which the settle check waits for).

const flush = () => vi.advanceTimersByTimeAsync(0);

function recordingLink() {
  const sent: Omit<Sample, 'seq'>[] = [];
  const link: RoomLink = {
    send: (sample) => sent.push(sample),
    addComments: () => {},
    post: () => {},
    pending: () => 0,
    health: () => ({}) as ReturnType<RoomLink['health']>,
    close: () => {},
  };
  return { link, sent, viewersSent: () => [...new Set(sent.map((s) => s.metrics.viewers))] };
}

describe('startRoomWatch', () => {
  beforeEach(() => {
    useFakeClockAndFrames();
    document.body.innerHTML = `
      <section><div><span>实时在线人数</span><div><span id="viewers">1,000</span></div></div>
      <div><span>成交金额</span><div><span id="gmv">¥500</span></div></div></section>`;
  });
  afterEach(() => vi.useRealTimers());

  const countUp = async (frames: string[]) => {
    const viewers = document.getElementById('viewers')!;
    for (const frame of frames) {
      viewers.textContent = frame;
      await flush();
      await vi.advanceTimersByTimeAsync(16);
    }
    await vi.advanceTimersByTimeAsync(1500);
  };

  it('remembers that the page animates its numbers when new bindings rebuild the reader', async () => {
    const { link, viewersSent } = recordingLink();
    const watch = startRoomWatch(document, link, false, () => {});
    await vi.advanceTimersByTimeAsync(1500);
    await countUp(['1,020', '1,090', '1,180', '1,250']);
    watch.handle({ type: 'bindings', bindings: { gmv: '#gmv' } });
    await vi.advanceTimersByTimeAsync(1500);
    // One change that holds still: on a page not known to animate it would prove the value plain.
    await countUp(['1,300']);
    // The next count-up's first frame comes after a long quiet: on a page known to animate it is a frame.
    await countUp(['1,320', '1,420', '1,500']);
    expect(viewersSent()).toEqual([1000, 1250, 1300, 1500]);
    watch.stop();
  });

  it('keeps its reader when the worker says the same bindings again (it does on every connect)', async () => {
    const { link, viewersSent } = recordingLink();
    const watch = startRoomWatch(document, link, false, () => {});
    await vi.advanceTimersByTimeAsync(1500);
    // A change that held still alone: the value is plain, its next change is sent at once.
    document.getElementById('viewers')!.textContent = '1,005';
    await vi.advanceTimersByTimeAsync(1500);
    const before = viewersSent().length;
    watch.handle({ type: 'bindings', bindings: {} });
    // A rebuilt reader would take a first look and hold its values until they held still.
    document.getElementById('viewers')!.textContent = '1,010';
    await flush();
    expect(viewersSent().slice(before)).toEqual([1010]);
    watch.stop();
  });

  it('sends product rows only on readings with numbers: the worker refuses the others, rows and all', async () => {
    // The 144-product TikTok list: read over several budgeted slices while the headline's first look is on.
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
      'https://shop.tiktok.com/workbench/live/overview?room_id=1',
    );
    mountFixture('tiktok-live-dashboard-products.html');
    // The room's numbers are not drawn yet (a dashboard loading them): only the product list is there.
    const core = document.querySelector('.ecom-screen-core')!;
    const headline = [...core.querySelectorAll(':scope > .gmv-block, :scope > .badges, :scope > .arco-row')];
    for (const part of headline) part.remove();
    const { link, sent } = recordingLink();
    const watch = startRoomWatch(document, link, false, () => {});
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent.length).toBeGreaterThan(0);
    core.prepend(...headline);
    await vi.advanceTimersByTimeAsync(20_000);
    const carrying = sent.filter((s) => s.products);
    expect(carrying.length).toBeGreaterThan(0);
    for (const s of carrying) expect(s.health.parsed.length).toBeGreaterThan(0);
    const ids = new Set(carrying.flatMap((s) => s.products!.rows.map((r) => r.id)));
    expect(ids.size).toBe(144);
    watch.stop();
  });
});
