// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { readCommentRow } from '../../../../lib/room/comments/readCommentRow';

const rowOf = (html: string) => {
  document.body.innerHTML = `<ul><li>${html}</li></ul>`;
  return document.querySelector('li')!;
};

describe('readCommentRow', () => {
  it('takes the name from a name-like element and the text from the rest', () => {
    expect(readCommentRow(rowOf('<span class="nick--y6u7">小鹿</span>主播身高多少'))).toEqual({
      user: '小鹿',
      text: '主播身高多少',
    });
    expect(readCommentRow(rowOf('<b>mia_k</b>: how much?'))).toEqual({ user: 'mia_k', text: 'how much?' });
    expect(readCommentRow(rowOf('阿杰：几号链接'))).toEqual({ user: '阿杰', text: '几号链接' });
    expect(readCommentRow(rowOf('just words, no name'))).toEqual({ user: '', text: 'just words, no name' });
  });

  it('skips badges beside the name and keeps emoji drawn as images', () => {
    const row = rowOf(
      '<span class="fansBadge--a">粉丝团 8</span><span class="levelIcon--b">Lv.12</span><span class="nickname--c">momo</span>' +
        '<span class="content--d">好看<img alt="[赞]" src="data:,">  吗</span>',
    );
    expect(readCommentRow(row)).toEqual({ user: 'momo', text: '好看[赞] 吗' });
  });

  it("uses a site's own parts when it names them", () => {
    const row = rowOf('<div class="a--1">lily</div><div class="b--2">link?</div>');
    expect(readCommentRow(row, { user: '.a--1', text: '.b--2' })).toEqual({ user: 'lily', text: 'link?' });
  });

  it('reads the platform’s notices, empty rows and rows the site skips as no comment', () => {
    for (const html of [
      '晴天 进入直播间',
      '<span class="nick--a">a</span>关注了主播',
      'sam joined the LIVE',
      '',
      '<span class="nick--a">a</span>',
    ])
      expect(readCommentRow(rowOf(html)), html).toBeNull();
    expect(readCommentRow(rowOf('<span class="nick--a">a</span>hi'), { skip: 'li' })).toBeNull();
  });

  it('clips what a page could stuff into a row', () => {
    const parts = readCommentRow(
      rowOf(`<span class="nick--a">${'名'.repeat(100)}</span>${'字'.repeat(900)}`),
    )!;
    expect(parts.user.length).toBeLessThanOrEqual(64);
    expect(parts.text.length).toBeLessThanOrEqual(500);
  });
});
