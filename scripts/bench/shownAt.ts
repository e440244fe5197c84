import type { Page } from 'playwright-core';

// When something first shows in a page, timed in the page itself. A locator's waitFor polls from outside at
// growing gaps (Playwright: 0, 20, 50, 100, 100, then every 500 ms), so a time taken when it returns reads up
// to half a second late once a wait passed ~270 ms: the late review's product table read ~1.25 s where the
// page held it at ~0.85 s. A mutation observer in the page notes the moment the DOM first holds a match.

/**
 * A script for the page (an init script before it loads, or evaluated in an open one): notes in
 * `window.__benchShownAt[name]` the epoch ms at which the DOM first holds a match of each selector (a match
 * there already is noted at once). Its paint follows at the page's next frame.
 */
export function recordShownAt(selectors: Record<string, string>): string {
  return `(() => {
    const wanted = ${JSON.stringify(selectors)};
    const shown = (window.__benchShownAt ??= {});
    for (const name of Object.keys(wanted)) delete shown[name];
    const look = () => {
      let left = 0;
      for (const [name, selector] of Object.entries(wanted)) {
        if (shown[name] !== undefined) continue;
        if (document.querySelector(selector)) shown[name] = performance.timeOrigin + performance.now();
        else left++;
      }
      if (left === 0) observer.disconnect();
    };
    const observer = new MutationObserver(look);
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    look();
  })()`;
}

/** Epoch ms at which the page first held `name`'s match (recordShownAt), or null when it did not within `timeoutMs`. */
export async function shownAt(page: Page, name: string, timeoutMs: number): Promise<number | null> {
  try {
    const at = await page.waitForFunction((key) => window.__benchShownAt?.[key], name, {
      timeout: Math.max(1, timeoutMs),
      polling: 50,
    });
    return (await at.jsonValue()) as number;
  } catch {
    return null;
  }
}

declare global {
  interface Window {
    __benchShownAt?: Record<string, number | undefined>;
  }
}
