import type { Page } from 'playwright-core';

// Page value change → cue visible in the side panel, measured in a real Chromium. The mock room records
// when it wrote each scenario second (mockRoom.shownAt); the panel records when each cue element first
// appeared. A cue's id ends with its firedAt, the scenario time of the sample that fired it.

declare global {
  interface Window {
    __cueSeenAt?: Record<string, number>;
  }
}

/** Starts recording, in the panel page, the wall time each `[data-cue-id]` element first appears. */
export async function watchPanelCues(panel: Page): Promise<void> {
  // A string, so no bundler helper (tsx's __name) leaks into the page.
  await panel.evaluate(`(() => {
    const seen = {};
    window.__cueSeenAt = seen;
    const note = (root) => {
      const now = performance.timeOrigin + performance.now();
      const found = root instanceof Element && root.matches('[data-cue-id]') ? [root] : [];
      for (const el of [...found, ...root.querySelectorAll('[data-cue-id]')]) {
        const id = el.getAttribute('data-cue-id');
        if (id && seen[id] === undefined) seen[id] = now;
      }
    };
    note(document);
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof Element) note(node);
        if (record.type === 'attributes' && record.target instanceof Element) note(record.target);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-cue-id'] });
  })()`);
}

export interface CueLatency {
  cueId: string;
  ms: number;
}

/** Latencies of every cue seen so far whose firing sample the room recorded. */
export async function collectCueLatencies(panel: Page, room: Page): Promise<CueLatency[]> {
  const seen = await panel.evaluate(() => ({ ...(window.__cueSeenAt ?? {}) }));
  const out: CueLatency[] = [];
  for (const [cueId, visibleAt] of Object.entries(seen)) {
    const firedAt = Number(cueId.slice(cueId.lastIndexOf(':') + 1));
    const shownAt = await room.evaluate((t) => window.mockRoom.shownAt(t), firedAt);
    if (shownAt !== undefined) out.push({ cueId, ms: visibleAt - shownAt });
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
