import { douyinBuyinAdapter } from './adapters/douyinBuyin';
import { douyinCompassAdapter, douyinEosAdapter } from './adapters/douyinCompass';
import { genericAdapter } from './adapters/generic';
import { kuaishouAdapter } from './adapters/kuaishou';
import { taobaoAdapter } from './adapters/taobao';
import { tiktokShopAdapter } from './adapters/tiktokShop';
import { wechatChannelsAdapter } from './adapters/wechatChannels';
import { xiaohongshuAdapter } from './adapters/xiaohongshu';
import type { SiteAdapter } from './siteAdapter';
import { matchesPattern } from './urlPattern';

/** Every site-specific adapter, tried in order; the generic reader takes the rest. */
export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  kuaishouAdapter,
  douyinBuyinAdapter,
  douyinCompassAdapter,
  douyinEosAdapter,
  tiktokShopAdapter,
  taobaoAdapter,
  wechatChannelsAdapter,
  xiaohongshuAdapter,
];

export { genericAdapter };

/** The adapter for a page: the first whose patterns match, else the generic label reader. */
export function adapterForUrl(url: URL): SiteAdapter {
  return SITE_ADAPTERS.find((a) => a.urlPatterns.some((p) => matchesPattern(url, p))) ?? genericAdapter;
}
