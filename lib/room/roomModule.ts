import { matchesPattern } from './sites/urlPattern';

// The content script is a small loader; the room's reader, link and overlay are a module it imports
// (entrypoints/contentRoom.ts). Chrome parses an imported module off the page's main thread and keeps its
// compiled code, the functions the first read ran included, for the next load from the same URL; a content
// script is parsed and compiled on the main thread at every load. So the module is web-accessible
// (wxt.config.ts):
// - at its fixed URL to the dashboards the content script is declared for, whose pages already meet the
//   extension (its page-world JSON tap), so the compiled code is reused there;
// - elsewhere (a site the operator enabled at run time) only at a per-session URL no page knows, which
//   Chrome does not cache compiled code for.

/** The room module's file in the built extension, from its root. */
export const ROOM_MODULE_FILE = 'contentRoom.js';

/** Web-accessible-resource matches for the dashboards of `patterns` (such an entry takes whole origins). */
export function originPatterns(patterns: readonly string[]): string[] {
  return [...new Set(patterns.map((pattern) => pattern.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*')))];
}

/**
 * Where the loader on the page at `href` imports the room module from: its fixed URL on a declared
 * dashboard, else the per-session URL the runtime gives (`dynamicUrl`).
 */
export function roomModuleUrl(
  href: string,
  declared: readonly string[],
  extensionId: string,
  dynamicUrl: () => string,
): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return dynamicUrl();
  }
  return originPatterns(declared).some((pattern) => matchesPattern(url, pattern))
    ? `chrome-extension://${extensionId}/${ROOM_MODULE_FILE}`
    : dynamicUrl();
}

/**
 * The loader's content-script context, handed to the module it imports through their shared world's global
 * (a page never sees an isolated world's globals): one context per copy of the script, whose start stops an
 * older copy's loader and module alike.
 */
const HANDED_CONTEXT = Symbol.for('livecue.contentContext');
type WithHandedContext = { [HANDED_CONTEXT]?: unknown };

export function handContext(context: object, world: object = globalThis): void {
  (world as WithHandedContext)[HANDED_CONTEXT] = context;
}

/** The context the loader handed over, once (undefined when none was). */
export function takeHandedContext<T extends object>(world: object = globalThis): T | undefined {
  const context = (world as WithHandedContext)[HANDED_CONTEXT] as T | undefined;
  delete (world as WithHandedContext)[HANDED_CONTEXT];
  return context;
}
