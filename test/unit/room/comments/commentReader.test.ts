// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomComment } from '../../../../lib/core/comments/roomComment';
import { type CommentReader, startCommentReader } from '../../../../lib/room/comments/commentReader';
import { settle } from './loadCommentFixture';

// A comment feed the way live dashboards draw one: rows of <name><text> in a scrolling list.

let reader: CommentReader | undefined;
let got: RoomComment[];
let clock: number;

const row = (user: string, text: string, key?: string) => {
  const li = document.createElement('li');
  li.className = 'msgItem--x7Yz';
  if (key) li.setAttribute('data-index', key);
  li.innerHTML = '<span class="nick--a1"></span><span class="content--b2"></span>';
  li.children[0]!.textContent = user;
  li.children[1]!.textContent = text;
  return li;
};

const list = () => document.getElementById('feed')!;
const said = () => got.map((c) => `${c.user}: ${c.text}`);

function start(rows: [string, string][] = [], options: Parameters<typeof startCommentReader>[3] = {}) {
  document.body.innerHTML = '<div class="comments-panel"><ul id="feed" class="commentList--q9"></ul></div>';
  for (const [user, text] of rows) list().append(row(user, text));
  got = [];
  reader = startCommentReader(document, 'generic', (batch) => got.push(...batch), {
    now: () => clock,
    flushMs: 0,
    ...options,
  });
}

beforeEach(() => {
  clock = 1_000;
});
afterEach(() => {
  reader?.stop();
  reader = undefined;
  vi.useRealTimers();
});

describe('startCommentReader', () => {
  it('names the list it reads (the metric reader then leaves the rows added to it alone)', () => {
    const lists: Element[] = [];
    start(
      [
        ['mia', 'hi'],
        ['bo', 'yo'],
      ],
      { onList: (found) => lists.push(found) },
    );
    expect(lists).toEqual([list()]);
  });

  it('reports only comments that arrive after it starts, stamped when first seen', async () => {
    start([
      ['a', '来了'],
      ['b', '多少钱'],
    ]);
    expect(reader!.status()).toEqual({ found: true, rows: 2, read: 0, waiting: false });
    clock = 2_000;
    list().append(row('c', '几号链接'));
    await settle();
    clock = 3_000;
    list().append(row('d', '包邮吗'), row('e', '好看'));
    await settle();
    expect(got).toEqual([
      { user: 'c', text: '几号链接', ts: 2_000 },
      { user: 'd', text: '包邮吗', ts: 3_000 },
      { user: 'e', text: '好看', ts: 3_000 },
    ]);
    expect(reader!.status()).toMatchObject({ rows: 5, read: 3 });
  });

  it('ignores a re-render that re-creates every row with the same content', async () => {
    start([
      ['a', '来了'],
      ['b', '多少钱'],
    ]);
    list().replaceChildren(row('a', '来了'), row('b', '多少钱'));
    await settle();
    list().replaceChildren(...[...list().children].map((li) => li.cloneNode(true) as Element));
    await settle();
    expect(got).toEqual([]);
    list().replaceChildren(row('a', '来了'), row('b', '多少钱'), row('c', '新的'));
    await settle();
    expect(said()).toEqual(['c: 新的']);
  });

  it('counts the same viewer writing the same words again, while the first is shown and after it is trimmed', async () => {
    start([['a', '多少钱']]);
    list().append(row('a', '多少钱'));
    await settle();
    for (let i = 0; i < 5; i++) list().append(row(`v${i}`, '666'));
    list().firstElementChild!.remove();
    list().firstElementChild!.remove(); // both "a: 多少钱" rows are trimmed off the top
    await settle();
    list().append(row('a', '多少钱'));
    await settle();
    expect(said()).toEqual(['a: 多少钱', 'v0: 666', 'v1: 666', 'v2: 666', 'v3: 666', 'v4: 666', 'a: 多少钱']);
  });

  it('reads a virtualised list that recycles its rows: each shift brings one new comment', async () => {
    start([
      ['a', '一'],
      ['b', '二'],
      ['c', '三'],
    ]);
    const shift = (user: string, text: string) => {
      const rows = [...list().children];
      for (let i = 0; i < rows.length - 1; i++) {
        rows[i]!.children[0]!.textContent = rows[i + 1]!.children[0]!.textContent;
        rows[i]!.children[1]!.textContent = rows[i + 1]!.children[1]!.textContent;
      }
      rows.at(-1)!.children[0]!.textContent = user;
      rows.at(-1)!.children[1]!.textContent = text;
    };
    shift('d', '四');
    await settle();
    shift('e', '五');
    await settle();
    shift('a', '一'); // "a: 一" was recycled off the top: written again, it is a new comment
    await settle();
    expect(said()).toEqual(['d: 四', 'e: 五', 'a: 一']);
  });

  it('does not report older rows scrolled back into view, keyed or not', async () => {
    start();
    const all: Element[] = [];
    for (let i = 0; i < 10; i++) {
      const li = row(`v${i}`, `第${i}条`);
      all.push(li);
      list().append(li);
      await settle();
    }
    // A virtual list showing 4 rows, scrolled up: the newest rows leave from the bottom, older ones come back on
    // top (as new elements with the same content), then scrolled down again.
    const view = (from: number) =>
      list().replaceChildren(...all.slice(from, from + 4).map((li) => li.cloneNode(true) as Element));
    view(6);
    await settle();
    for (const from of [5, 4, 3, 2, 3, 4, 5, 6]) {
      view(from);
      await settle();
    }
    expect(got).toHaveLength(10);
    list().append(row('new', '最新的'));
    await settle();
    expect(said().at(-1)).toBe('new: 最新的');
    expect(got).toHaveLength(11);
  });

  it('knows keyed rows shown again, wherever they land', async () => {
    start();
    for (let i = 0; i < 6; i++) list().append(row(`v${i}`, `第${i}条`, String(i)));
    await settle();
    expect(got).toHaveLength(6);
    list().replaceChildren(row('v1', '第1条', '1'), row('v2', '第2条', '2'));
    await settle();
    list().replaceChildren(row('v4', '第4条', '4'), row('v5', '第5条', '5'), row('v6', '第6条', '6'));
    await settle();
    expect(said().slice(6)).toEqual(['v6: 第6条']);
  });

  it('learns a list that puts new comments on top (the mock room) and reports them oldest first', async () => {
    start([['a', '来了']]);
    list().prepend(row('b', '多少钱'));
    await settle();
    list().prepend(row('c', '包邮吗'), row('d', '新的在上面'));
    await settle();
    expect(said()).toEqual(['b: 多少钱', 'd: 新的在上面', 'c: 包邮吗']);
  });

  it('waits for a row drawn empty and filled in later, and skips the platform’s own notices', async () => {
    start([['a', '来了']]);
    const later = row('', '');
    list().append(later);
    await settle();
    later.children[0]!.textContent = 'b';
    later.children[1]!.textContent = '尺码表';
    await settle();
    const notice = document.createElement('li');
    notice.textContent = '晴天 进入直播间';
    list().append(notice);
    await settle();
    expect(said()).toEqual(['b: 尺码表']);
  });

  it('keeps up with 50 comments a second for a minute on a trimmed list, nothing lost or doubled', async () => {
    start();
    const texts = ['多少钱', '来了', '666', '几号链接', '好看', '165/120斤穿什么码', '扣1', '包邮吗'];
    let n = 0;
    // Page time: 10 comments per 200 ms tick, each tick one mutation batch, as a busy page delivers them.
    for (let tick = 0; tick < 300; tick++) {
      clock += 200;
      for (let k = 0; k < 10; k++, n++) list().append(row(`viewer${n % 300}`, texts[n % texts.length]!));
      while (list().childElementCount > 200) list().firstElementChild!.remove();
      await settle();
    }
    expect(got).toHaveLength(3000);
    expect(got.map((c) => c.user)).toEqual(Array.from({ length: 3000 }, (_, i) => `viewer${i % 300}`));
    expect(got.at(-1)!.ts).toBe(1_000 + 300 * 200);
  }, 60_000);

  it('batches: the first comment at once, the rest of a burst at most every flushMs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const batches: RoomComment[][] = [];
    document.body.innerHTML = '<ul id="feed" class="commentList--q9"><li>a：来了</li><li>b：666</li></ul>';
    reader = startCommentReader(document, 'generic', (batch) => batches.push(batch), { flushMs: 500 });
    const say = async (text: string) => {
      const li = document.createElement('li');
      li.textContent = text;
      list().append(li);
      await vi.advanceTimersByTimeAsync(10);
    };
    await say('c：多少钱');
    await say('d：多少钱');
    await say('e：多少钱');
    expect(batches.map((b) => b.length)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(500);
    expect(batches.map((b) => b.map((c) => c.user))).toEqual([['c'], ['d', 'e']]);
    await say('f：尺码');
    reader.stop();
    expect(batches.flat().map((c) => c.user)).toEqual(['c', 'd', 'e', 'f']);
  });

  it('tolerates a page without a comment list and finds one drawn later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    document.body.innerHTML = '<div class="dashboard"><span>在线人数</span><b>1,234</b></div>';
    got = [];
    reader = startCommentReader(document, 'generic', (batch) => got.push(...batch), {
      flushMs: 0,
      checkMs: 1000,
    });
    expect(reader.status()).toEqual({ found: false, rows: 0, read: 0, waiting: false });
    document.body.insertAdjacentHTML(
      'beforeend',
      '<ul class="chat-list"><li>a：来了</li><li>b：666</li></ul>',
    );
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.status()).toMatchObject({ found: true, rows: 2 });
    document.querySelector('.chat-list')!.insertAdjacentHTML('beforeend', '<li>c：多少钱</li>');
    await vi.advanceTimersByTimeAsync(10);
    expect(said()).toEqual(['c: 多少钱']);
    // The list is swapped for a new one (a tab switch): found again, its rows taken as already shown.
    document.querySelector('.chat-list')!.remove();
    document.body.insertAdjacentHTML(
      'beforeend',
      '<ul class="chat-list"><li>a：来了</li><li>c：多少钱</li></ul>',
    );
    await vi.advanceTimersByTimeAsync(1000);
    document.querySelector('.chat-list')!.insertAdjacentHTML('beforeend', '<li>d：包邮吗</li>');
    await vi.advanceTimersByTimeAsync(10);
    expect(said()).toEqual(['c: 多少钱', 'd: 包邮吗']);
  });

  it('clicks the site’s "new messages" button, unless someone is using the list', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    document.body.innerHTML =
      '<div id="input-comment-block-id"><div class="list--a"><div class="item--b"><span class="nick--c">a</span><span class="content--d">来了</span></div><div class="item--b"><span class="nick--c">b</span><span class="content--d">666</span></div></div><button class="newCommentLabel--x">3 条新消息</button></div>';
    const clicks = vi.fn();
    document.querySelector('button')!.addEventListener('click', clicks);
    reader = startCommentReader(document, 'douyin-buyin', () => {}, { checkMs: 1000 });
    document.querySelector('.list--a')!.dispatchEvent(new Event('wheel'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.status().waiting).toBe(true);
    expect(clicks).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(clicks).toHaveBeenCalled();
  });

  it('asks the whole page for that button only now and then, its list’s block on every check', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    document.body.innerHTML =
      '<main><section><div class="panel"><div id="input-comment-block-id"><div class="list--a"><div class="item--b"><span class="nick--c">a</span><span class="content--d">来了</span></div><div class="item--b"><span class="nick--c">b</span><span class="content--d">666</span></div></div></div></div></section></main><footer></footer>';
    const asked = vi.spyOn(document, 'querySelector');
    reader = startCommentReader(document, 'douyin-buyin', () => {}, {
      checkMs: 1000,
      clickNewMessages: false,
    });
    await vi.advanceTimersByTimeAsync(30_500);
    // No button anywhere: 30 checks, the whole page asked on the 1st and the 16th.
    expect(asked.mock.calls.filter(([selector]) => selector.includes('newCommentLabel'))).toHaveLength(2);
    // The 31st check asked the whole page too. A button drawn far from the list (a page-level toast) right
    // after is found on the next whole-page turn, 15 checks on.
    await vi.advanceTimersByTimeAsync(1000);
    document.querySelector('footer')!.innerHTML = '<button class="newCommentLabel--x">3 条新消息</button>';
    await vi.advanceTimersByTimeAsync(14_000);
    expect(reader.status().waiting).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.status().waiting).toBe(true);
    // Found, it is kept while on the page, and let go the check after it went.
    await vi.advanceTimersByTimeAsync(3000);
    expect(reader.status().waiting).toBe(true);
    document.querySelector('footer')!.innerHTML = '';
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.status().waiting).toBe(false);
    // Beside the list it is seen at the next check, and so is its going.
    document
      .getElementById('input-comment-block-id')!
      .insertAdjacentHTML('beforeend', '<button class="newCommentLabel--x">3 条新消息</button>');
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.status().waiting).toBe(true);
    document.querySelector('#input-comment-block-id > button')!.remove();
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.status().waiting).toBe(false);
  });

  it('asks the whole page on every check where the list sits right under its top (the block is the page)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    document.body.innerHTML =
      '<div class="list--a"><div class="item--b"><span class="nick--c">a</span><span class="content--d">来了</span></div><div class="item--b"><span class="nick--c">b</span><span class="content--d">666</span></div></div><footer></footer>';
    reader = startCommentReader(document, 'douyin-buyin', () => {}, {
      checkMs: 1000,
      clickNewMessages: false,
    });
    await vi.advanceTimersByTimeAsync(3500);
    document.querySelector('footer')!.innerHTML = '<button class="newCommentLabel--x">3 条新消息</button>';
    await vi.advanceTimersByTimeAsync(1000);
    expect(reader.status().waiting).toBe(true);
  });
});
