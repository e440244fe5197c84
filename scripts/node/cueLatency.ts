import type { Page } from 'playwright-core';

// Page value change → cue visible in the side panel, measured in a real Chromium. The mock room records
// when it wrote each scenario second (mockRoom.shownAt); the panel records when each cue element first
// appeared. A cue's id ends with its firedAt, the scenario time of the sample that fired it.

declare global {
  interface Window {
    __cueSeenAt?: Record<string, number>;
    __cuePushedAt?: Record<string, number>;
  }
}

/**
 * Records, in the panel page, when each cue id first arrives in a push from the worker, so a latency splits
 * into the page, content script and worker's part and the panel's own (render). Call before the panel loads:
 * it wraps the runtime's connect before the panel opens its port.
 */
export async function spyOnPanelPushes(panel: Page): Promise<void> {
  await panel.addInitScript(`(() => {
    const seen = {};
    window.__cuePushedAt = seen;
    const runtime = globalThis.chrome && globalThis.chrome.runtime;
    if (!runtime || !runtime.connect) return;
    const connect = runtime.connect.bind(runtime);
    runtime.connect = (...args) => {
      const port = connect(...args);
      port.onMessage.addListener((message) => {
        if (!message || message.type !== 'cues' || !Array.isArray(message.open)) return;
        const now = performance.timeOrigin + performance.now();
        for (const cue of message.open) if (cue && seen[cue.id] === undefined) seen[cue.id] = now;
      });
      return port;
    };
  })()`);
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
  /** Page change → the cue's first push reached the panel (with spyOnPanelPushes). */
  pushedMs?: number;
}

/** Latencies of every cue seen so far whose firing sample the room recorded. */
export async function collectCueLatencies(panel: Page, room: Page): Promise<CueLatency[]> {
  const seen = await panel.evaluate(() => ({ ...(window.__cueSeenAt ?? {}) }));
  const pushed = await panel.evaluate(() => ({ ...(window.__cuePushedAt ?? {}) }));
  const out: CueLatency[] = [];
  for (const [cueId, visibleAt] of Object.entries(seen)) {
    const firedAt = Number(cueId.slice(cueId.lastIndexOf(':') + 1));
    const shownAt = await room.evaluate((t) => window.mockRoom.shownAt(t), firedAt);
    if (shownAt === undefined) continue;
    const pushedAt = pushed[cueId];
    out.push({
      cueId,
      ms: visibleAt - shownAt,
      ...(pushedAt !== undefined && { pushedMs: pushedAt - shownAt }),
    });
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
