// The paperwork of COMMENT_SITES: per site, whether anyone checked it on the live dashboard, the fixture pages
// its comment list must be read from (with the comments they show), and each selector it relies on with the
// fixture it must match and how many elements it finds there. Imported only by tests
// (test/unit/room/comments/commentSites.test.ts), so none of it ships in the content script.

export interface CommentFixture {
  /** A page under test/fixtures/comments or test/fixtures/sites. */
  page: string;
  /** What the reader must find there, as `user: text` in screen order. */
  comments: readonly string[];
}

export interface CommentSiteRecord {
  name: string;
  /** False until someone checked the selectors on the live site. */
  verified: boolean;
  fixtures: readonly CommentFixture[];
  selectors: Record<string, { selector: string; page: string; expectCount: number }>;
}

const sel = (selector: string, page: string, expectCount: number) => ({ selector, page, expectCount });

export const COMMENT_SITE_RECORDS: Record<string, CommentSiteRecord> = {
  'douyin-buyin': {
    name: '巨量百应 直播中控台',
    verified: false,
    fixtures: [
      {
        page: 'comments/douyin-buyin-comments.html',
        comments: ['小鹿: 这件多少钱', '阿杰: 2号链接[赞]', '大白: 已拍', 'momo: 165/120斤穿什么码'],
      },
      {
        page: 'sites/douyin-buyin-control.html',
        comments: ['小鹿: 成交人数 100', '阿杰: 2号链接多少钱', '晴天: 新增粉丝', '大白: 已拍'],
      },
    ],
    selectors: {
      list: sel('#input-comment-block-id', 'comments/douyin-buyin-comments.html', 1),
      newMessages: sel(
        '[class^="newCommentLabel"],[class*=" newCommentLabel"]',
        'comments/douyin-buyin-comments.html',
        1,
      ),
    },
  },
  'tiktok-shop': {
    name: 'TikTok Shop LIVE Manager',
    verified: false,
    fixtures: [
      {
        page: 'comments/tiktok-live-manager-comments.html',
        comments: [
          'mia_k: how much are the gloves?',
          'joe.sells: Pinned the scarf 👆',
          'sam_88: what size is she wearing',
        ],
      },
    ],
    selectors: {
      row: sel('[class*="comment--"]', 'comments/tiktok-live-manager-comments.html', 4),
      user: sel('[class*="username--"]', 'comments/tiktok-live-manager-comments.html', 4),
      text: sel('[class*="commentContent--"]', 'comments/tiktok-live-manager-comments.html', 4),
    },
  },
  taobao: {
    name: '淘宝直播 中控台',
    verified: false,
    fixtures: [
      {
        page: 'comments/taobao-live-comments.html',
        comments: ['淘友a1: 有优惠券吗', '淘友b2: 大衣有S码吗', '淘友d4: 已下单'],
      },
      {
        page: 'sites/taobao-live-control.html',
        comments: ['淘友a1: 在线 200', '淘友b2: 大衣有S码吗', '淘友c3: 点击', '淘友d4: 已下单'],
      },
    ],
    selectors: {
      row: sel('.tc-comment-item', 'comments/taobao-live-comments.html', 4),
    },
  },
  kuaishou: {
    name: '快手小店 直播助手',
    verified: false,
    fixtures: [
      {
        page: 'comments/kuaishou-helper-comments.html',
        comments: ['小王: 保温杯能装开水吗', '阿杰: 几号链接', 'momo: 好看'],
      },
      {
        page: 'sites/kuaishou-helper-quiet.html',
        comments: ['小王: 直播结束了吗', '阿杰: 直播结束', 'momo: 好看'],
      },
    ],
    selectors: {
      list: sel(
        '[class^="comment-list"],[class*=" comment-list"]',
        'comments/kuaishou-helper-comments.html',
        1,
      ),
    },
  },
  'wechat-channels': {
    name: '视频号 直播控制台',
    verified: false,
    fixtures: [
      {
        page: 'comments/wechat-channels-comments.html',
        comments: ['阿花: 什么时候发货', '老王: 包邮吗', '小美: 好看😍'],
      },
    ],
    selectors: {
      shadowHost: sel('wujie-app', 'comments/wechat-channels-comments.html', 1),
      row: sel('.live-message-item-container', 'comments/wechat-channels-comments.html', 3),
      text: sel('.message-content', 'comments/wechat-channels-comments.html', 3),
    },
  },
  generic: {
    name: 'Any live dashboard',
    verified: true,
    fixtures: [
      {
        page: 'comments/unknown-site-chat.html',
        comments: ['小鹿: 这个多少钱', '阿杰: 来了来了', '晴天: 什么面料'],
      },
      {
        page: 'sites/generic-mock-room.html',
        comments: ['小鹿: 在线人数 5', '阿杰: 主播身高多少', 'momo: 已拍2件', '晴天: 福袋什么时候开'],
      },
      {
        page: 'sites/tiktok-live-manager.html',
        comments: ['mia_k: Viewers 100 lol', 'joe: how much are the gloves?', 'lily: Likes', 'sam: 50 likes'],
      },
    ],
    selectors: {},
  },
};
