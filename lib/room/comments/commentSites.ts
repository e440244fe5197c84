// Where each platform's comment list lives, keyed by the site adapter ids of lib/room/sites/adapters, from
// PLATFORMS.md. Hints only narrow where the generic comment reader looks and how it splits a row; rows are
// still found and read by structure (a repeated row holding a name and a text), so a renamed class costs a
// hint, not the feature. Every selector is paired with the fixture page it must match in
// commentSiteFixtures.ts (tests only). UNVERIFIED: none of these has been checked on a live dashboard.

export interface CommentSiteHints {
  /** Containers of the comment list; the first found is used. */
  lists?: readonly string[];
  /** One comment row; its parent is the list. Without it, the list's repeated children are the rows. */
  row?: string;
  /** Within a row: the commenter's name and the comment's text. */
  user?: string;
  text?: string;
  /** Rows that are not comments (entries, gifts, likes, system notices). */
  skip?: string;
  /** Hosts of open shadow roots the list lives in (WeChat Channels' micro-frontend <wujie-app>). */
  shadowHosts?: readonly string[];
  /** A "new messages" button new comments wait behind while the list is scrolled up (Douyin 百应). */
  newMessages?: string;
}

export const COMMENT_SITES: Readonly<Record<string, CommentSiteHints>> = {
  // 巨量百应 中控台: the comment block's id is an automation hook; its rows carry hashed classes.
  'douyin-buyin': {
    lists: ['#input-comment-block-id'],
    newMessages: '[class^="newCommentLabel"],[class*=" newCommentLabel"]',
  },
  // TikTok Shop LIVE Manager: prefix-hashed classes (comment--x, username--x, commentContent--x).
  'tiktok-shop': {
    row: '[class*="comment--"]',
    user: '[class*="username--"]',
    text: '[class*="commentContent--"]',
  },
  taobao: { row: '.tc-comment-item' },
  // 快手小店 直播助手: antd with five-character hashes; the comment list's class starts with comment-list.
  kuaishou: { lists: ['[class^="comment-list"]', '[class*=" comment-list"]'] },
  // 视频号 live control (no site adapter yet: the id an adapter for channels.weixin.qq.com should take).
  'wechat-channels': {
    shadowHosts: ['wujie-app', '.wujie_iframe'],
    row: '.live-message-item-container',
    text: '.message-content',
  },
};
