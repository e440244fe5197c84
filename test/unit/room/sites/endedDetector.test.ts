// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../lib/room/sites/adapters/generic';
import type { SiteAdapter } from '../../../../lib/room/sites/siteAdapter';
import { adapterForUrl } from '../../../../lib/room/sites/siteRegistry';
import { mountFixture, settledReading } from './loadFixture';

// The end of a live comes only from the room's own signal: a dialog titled as the live's end, a live-status
// value beside its label, an adapter's end-of-live element. Whatever viewers, promotions or popups put on
// the page never ends it.

const tiktok = adapterForUrl(new URL('https://shop.tiktok.com/streamer/live/manager?room_id=7'));

function endedWith(html: string, fixture = 'generic-mock-room.html', adapter: SiteAdapter = genericAdapter) {
  mountFixture(fixture);
  const box = document.createElement('div');
  box.innerHTML = html;
  document.body.append(box);
  return settledReading(document, adapter).ended;
}

describe('text viewers, promotions and popups put on the page', () => {
  it.each(['The live has ended', '直播已结束', 'LIVE ended!', '直播结束了'])(
    'a TikTok viewer comment "%s" does not end the live',
    (text) => {
      const row = `<div class="comment--x1"><span class="username--x2">mia</span><span class="commentContent--x3">${text}</span></div>`;
      expect(endedWith(row, 'tiktok-live-manager.html', tiktok)).toBe(false);
    },
  );

  it('a comment in a feed with no comment-like names does not end it either', () => {
    const feed =
      '<div class="feed-9x"><div><span>阿花</span><span>直播已结束</span></div><div><span>mia</span><span>LIVE ended!</span></div></div>';
    expect(endedWith(feed)).toBe(false);
  });

  it('a lucky bag (福袋) modal saying 已结束, or 直播已结束 in its body, does not end it', () => {
    expect(
      endedWith(
        '<div class="luckyModal-3f"><div class="modal-title">福袋</div><p><span>已结束</span></p></div>',
      ),
    ).toBe(false);
    expect(
      endedWith(
        '<div role="dialog"><h3>超级福袋</h3><div class="modal-body"><p>直播已结束</p><p>开奖结果</p></div></div>',
      ),
    ).toBe(false);
  });

  it('"Ended" under a "LIVE special" header does not end it', () => {
    expect(endedWith('<section><h4>LIVE special</h4><div><span>Ended</span></div></section>')).toBe(false);
    expect(endedWith('<section><h4>LIVE special</h4><div>Ended</div></section>')).toBe(false);
  });
});

describe("the room's own end-of-live signal", () => {
  it('a dialog titled as the end of the live ends it', () => {
    expect(endedWith('<div role="dialog"><h2>直播已结束</h2><p>本场成交 ¥18,340</p></div>')).toBe(true);
    expect(endedWith('<div class="summaryModal-1"><div class="modal-header">直播总结</div></div>')).toBe(
      true,
    );
  });

  it('a live-status value beside its label ends it, in two boxes or one', () => {
    expect(endedWith('<div><span>直播状态</span><span>已结束</span></div>')).toBe(true);
    expect(endedWith('<div><span>Live status:</span><span>Ended</span></div>')).toBe(true);
    expect(endedWith('<div><span>直播状态：已结束</span></div>')).toBe(true);
  });
});
