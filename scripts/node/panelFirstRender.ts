import type { BrowserContext } from 'playwright-core';

// Side panel first render after open (DESIGN.md §6: ≤ 150 ms): from navigation start to the first
// painted content that answers "what now?" — the current cue, the all-clear, or the empty state.

const FIRST_CONTENT = '[data-testid="current-cue"], [data-testid="no-cue"], [data-testid="empty-state"]';

export async function measurePanelFirstRender(
  context: BrowserContext,
  url: string,
  opens: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < opens; i++) {
    const page = await context.newPage();
    // A string, so no bundler helper leaks into the page; it runs before the panel's own scripts.
    await page.addInitScript(`(() => {
      const sel = ${JSON.stringify(FIRST_CONTENT)};
      const mark = () => {
        if (window.__firstRender === undefined && document.querySelector(sel)) {
          window.__firstRender = performance.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(mark);
      observer.observe(document, { subtree: true, childList: true });
    })()`);
    await page.goto(url);
    // Polled with evaluate: extension pages forbid the eval that a string waitForFunction needs.
    let first: number | undefined;
    for (let tries = 0; first === undefined && tries < 600; tries++) {
      first = (await page.evaluate('window.__firstRender')) as number | undefined;
      if (first === undefined) await page.waitForTimeout(50);
    }
    if (first === undefined) throw new Error('The side panel rendered nothing within 30 s');
    times.push(first);
    await page.close();
  }
  return times;
}
