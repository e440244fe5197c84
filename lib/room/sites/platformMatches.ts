// Live-room dashboards the production build reads (PLATFORMS.md). Used by the manifest and the content
// script. The e2e build adds localhost for the mock room; no build ever reads all URLs.
export const PLATFORM_MATCHES = [
  'https://buyin.jinritemai.com/dashboard/live/control*',
  'https://fxg.jinritemai.com/ffa/buyin/dashboard/live/control*',
  'https://fxg.jinritemai.com/ffa/content-tool/live/control*',
  'https://compass.jinritemai.com/screen/*',
  'https://eos.douyin.com/dp/liveScreen*',
  'https://zs.kwaixiaodian.com/page/helper*',
  'https://zs.kwaixiaodian.com/control*',
  'https://shop.tiktok.com/streamer/live/*',
  'https://shop.tiktok.com/workbench/live/*',
  'https://*.tiktok.com/compass/live-*',
  'https://channels.weixin.qq.com/platform/live/liveBuild*',
  'https://ark.xiaohongshu.com/live_center_control*',
  'https://ark.xiaohongshu.com/live_screen/*',
  'https://liveplatform.taobao.com/restful/index/live/control*',
  'https://market.m.taobao.com/app/mtb/live-professional-screen/*',
] as const;

export const E2E_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'] as const;
