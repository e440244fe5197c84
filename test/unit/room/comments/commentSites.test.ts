// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomComment } from '../../../../lib/core/comments/roomComment';
import { type CommentReader, startCommentReader } from '../../../../lib/room/comments/commentReader';
import { COMMENT_SITE_RECORDS } from '../../../../lib/room/comments/commentSiteFixtures';
import { COMMENT_SITES } from '../../../../lib/room/comments/commentSites';
import { locateCommentList } from '../../../../lib/room/comments/locateCommentList';
import { readCommentRow } from '../../../../lib/room/comments/readCommentRow';
import { ADAPTER_RECORDS } from '../../../../lib/room/sites/adapters/selectorRegistry';
import { allRoots, loadCommentFixture, settle } from './loadCommentFixture';

let reader: CommentReader | undefined;
afterEach(() => reader?.stop());

/** Adds a comment to the page's list the way the page draws its rows: a copy of its last comment row. */
function writeComment(siteId: string, user: string, text: string): void {
  const spot = locateCommentList(document, COMMENT_SITES[siteId] ?? {})!;
  const rows = [...spot.list.children].filter((row) => readCommentRow(row, COMMENT_SITES[siteId])?.user);
  const template = rows.at(-1)!;
  const row = template.cloneNode(true) as Element;
  const parts = readCommentRow(template, COMMENT_SITES[siteId])!;
  const swap = (node: Node, from: string, to: string) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3 && (child as Text).data.includes(from))
        (child as Text).data = (child as Text).data.replace(from, to);
      else swap(child, from, to);
    }
  };
  swap(row, parts.user, '\u0000');
  swap(row, parts.text.replace(/\[.*?\]$/, ''), text);
  swap(row, '\u0000', user);
  for (const img of row.querySelectorAll('img[alt^="["]')) img.remove();
  template.after(row);
}

describe('COMMENT_SITES', () => {
  it('is keyed by site adapter ids (and the one for 视频号, which has no adapter yet)', () => {
    for (const id of Object.keys(COMMENT_SITES))
      expect([...Object.keys(ADAPTER_RECORDS), 'wechat-channels']).toContain(id);
    for (const id of Object.keys(COMMENT_SITES)) expect(COMMENT_SITE_RECORDS[id], id).toBeDefined();
  });

  for (const [siteId, record] of Object.entries(COMMENT_SITE_RECORDS)) {
    describe(`${siteId} (${record.name})`, () => {
      for (const [name, { selector, page, expectCount }] of Object.entries(record.selectors)) {
        it(`${name}: ${selector} finds ${expectCount} in ${page}`, () => {
          const doc = loadCommentFixture(page);
          const found = allRoots(doc).flatMap((root) => [...root.querySelectorAll(selector)]);
          expect(found).toHaveLength(expectCount);
        });
      }

      for (const { page, comments } of record.fixtures) {
        it(`reads the comments of ${page} and then only the new ones`, async () => {
          loadCommentFixture(page);
          const spot = locateCommentList(document, COMMENT_SITES[siteId] ?? {});
          expect(spot, 'comment list found').not.toBeNull();
          const shown = [...spot!.list.children]
            .map((row) => readCommentRow(row, COMMENT_SITES[siteId]))
            .filter((parts) => parts !== null)
            .map((parts) => `${parts.user}: ${parts.text}`);
          expect(shown).toEqual(comments);

          const batches: RoomComment[][] = [];
          reader = startCommentReader(document, siteId, (batch) => batches.push(batch), {
            now: () => 42,
            flushMs: 0,
          });
          expect(reader.status()).toMatchObject({ found: true, read: 0 });
          writeComment(siteId, '新来的', '多少钱');
          await settle();
          writeComment(siteId, 'newbie', 'link pls');
          await settle();
          expect(batches.flat()).toEqual([
            { user: '新来的', text: '多少钱', ts: 42 },
            { user: 'newbie', text: 'link pls', ts: 42 },
          ]);
        });
      }
    });
  }
});
