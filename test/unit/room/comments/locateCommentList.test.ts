// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { locateCommentList } from '../../../../lib/room/comments/locateCommentList';

// Finding the comment list on a page no hint covers: the feed whose rows read most like comments wins.

/** A list of `rows` comment rows, each a name and a text beside `extra` more spans. */
function feed(id: string, className: string, rowClass: string, rows: number, extra: number): string {
  const filler = '<span>·</span>'.repeat(extra);
  const row = (i: number) =>
    `<div class="${rowClass}"><span class="user">用户${i}</span><span class="text">好看 ${i}</span>${filler}</div>`;
  return `<div id="${id}" class="${className}">${Array.from({ length: rows }, (_, i) => row(i)).join('')}</div>`;
}

describe('locateCommentList', () => {
  it('scores each element once, so feeds later on the page are still weighed after nested candidates', () => {
    // The first feed's rows match the feed selector too, and each is a row parent to score (8 children):
    // scored again as candidates of their own, they would spend the search's row reads before the second feed.
    document.body.innerHTML =
      feed('side', 'comment-box', 'comment-row', 50, 6) + feed('main', 'chat-list', 'msg', 80, 0);
    expect(locateCommentList(document)?.list.id).toBe('main');
  });

  it('leaves unscored the elements too small to beat the best feed so far, so a long feed does not spend the reads', () => {
    // 100 rows of 8 children: scoring each row as a row parent of its own (8 reads apiece) would spend the
    // search's 600 row reads before the bigger feed below is weighed. None of them can beat the feed they sit
    // in (a score never exceeds the number of children), so none is read.
    document.body.innerHTML =
      feed('side', 'comment-box', 'row', 100, 6) + feed('main', 'chat-list', 'msg', 150, 0);
    expect(locateCommentList(document)?.list.id).toBe('main');
  });

  it('takes the feed whose rows read most like comments', () => {
    document.body.innerHTML = feed('small', 'chat-a', 'x', 5, 0) + feed('big', 'chat-b', 'y', 30, 0);
    expect(locateCommentList(document)?.list.id).toBe('big');
  });

  it('finds a long feed by where its rows sit, without the page-wide feed query, wherever it is on the page', () => {
    // 70 empty "message" boxes come first: the feed query looks at its first 60 matches only.
    const boxes = Array.from({ length: 70 }, (_, i) => `<p class="message-tip" id="m${i}"></p>`).join('');
    document.body.innerHTML = `<main>${boxes}<section><div>${feed('live', 'chat-list', 'row', 40, 0)}</div></section></main>`;
    const asked: string[] = [];
    const query = document.querySelectorAll.bind(document);
    const spy = Object.assign(Object.create(document), {
      querySelectorAll: (selector: string) => {
        asked.push(selector);
        return query(selector);
      },
    }) as Document;
    expect(locateCommentList(spy)?.list.id).toBe('live');
    expect(asked).toEqual([':nth-child(8)']);
  });

  it('falls back to every feed the selector matches when the comment list is short, beside a long list that is no feed', () => {
    const products = Array.from({ length: 30 }, (_, i) => `<li><b>商品 ${i}</b><i>¥${i}</i></li>`).join('');
    document.body.innerHTML = `<ul class="goods">${products}</ul>${feed('fresh', 'chat-box', 'row', 3, 0)}`;
    expect(locateCommentList(document)?.list.id).toBe('fresh');
  });

  it('looks for a long feed’s rows at most four levels under the element the feed selector names', () => {
    const nested = (levels: number, inner: string) =>
      '<div>'.repeat(levels) + inner + '</div>'.repeat(levels);
    document.body.innerHTML = `<div class="chat-panel">${nested(4, feed('deep', 'x', 'row', 20, 0))}</div>`;
    // Five levels down (four wrappers, then the list): out of reach from the named panel, and the list itself
    // is named by nothing the feed selector knows.
    expect(locateCommentList(document)?.list.id).not.toBe('deep');
    document.body.innerHTML = `<div class="chat-panel">${nested(3, feed('near', 'x', 'row', 20, 0))}</div>`;
    expect(locateCommentList(document)?.list.id).toBe('near');
  });
});
