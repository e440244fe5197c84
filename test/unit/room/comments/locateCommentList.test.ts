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
});
