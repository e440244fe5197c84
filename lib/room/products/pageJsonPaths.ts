// The dashboards' own JSON calls worth reading (PLATFORMS.md, Products), by path. Shared by the main-world
// tap (which only decides what to pass on, so this file stays tiny and imports nothing) and the isolated-world
// parser. A path here is observed, never requested: the tap reads responses the page asked for itself.

export interface PageJsonPath {
  /** Which shape the parser expects (pageJsonShapes.ts). */
  kind: 'douyin-products' | 'tiktok-products' | 'tiktok-pin';
  test: RegExp;
}

export const PAGE_JSON_PATHS: readonly PageJsonPath[] = [
  // Douyin 电商罗盘 大屏 (…/compass_api/…/live_screen/product_list) and Buyin's product list; money in fen.
  { kind: 'douyin-products', test: /\/live_screen\/product_list(?:$|[/?])/ },
  { kind: 'douyin-products', test: /\/promotions_v2(?:$|[/?])/ },
  // TikTok LIVE Manager / streamer desktop: /api/v1/streamer_desktop/live_product/list, …/pin/get.
  { kind: 'tiktok-products', test: /\/streamer_desktop\/(?:.*\/)?live_product\/list(?:$|[/?])/ },
  { kind: 'tiktok-pin', test: /\/streamer_desktop\/(?:.*\/)?pin\/get(?:$|[/?])/ },
];

/** The path entry a request URL's path matches, or undefined (most requests: not looked at further). */
export function pageJsonPathOf(pathname: string): PageJsonPath | undefined {
  for (const path of PAGE_JSON_PATHS) if (path.test.test(pathname)) return path;
  return undefined;
}

/** The most characters of one response the tap passes on; a bigger one is not ours to parse. */
export const MAX_PAGE_JSON_CHARS = 4_000_000;
/** The message type on the channel between the two worlds. */
export const PAGE_JSON_HELLO = 'livecue:page-json-hello';
