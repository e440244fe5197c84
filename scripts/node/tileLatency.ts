import type { Page } from 'playwright-core';
import { createScenarioPlayer } from '../../lib/core/scenario/scenarioPlayer';
import { parseScenario } from '../../lib/core/scenario/scenarioSchema';

// Page value change → the side panel's tile shows it, in a real Chromium. The mock room records when it
// wrote each scenario step (mockRoom.shownAt); the panel records when its viewers tile first showed each
// value (data-value). The scenario gives every step its own viewers value, so a value names its step.

declare global {
  interface Window {
    __tileSeenAt?: Record<string, number>;
  }
}

/**
 * A dashboard that redraws four times a second, each redraw a new viewers count. The mock room's timer
 * jitters, so some redraws come closer than 250 ms: the page looks like it animates (valueSettle.ts).
 */
export function busyTileScenario(durationSec: number) {
  return {
    name: 'latency-tiles',
    durationSec,
    stepSec: 0.25,
    seed: 5,
    // Before the cue phase's scenario (08:00), which then reads as the same room going on later.
    startAt: '2026-11-25T06:00:00Z',
    metrics: {
      viewers: {
        points: [
          [0, 1000],
          [durationSec, 1000 + durationSec * 4 * 7],
        ] as [number, number][],
      },
      gmv: {
        points: [
          [0, 0],
          [durationSec, durationSec * 40],
        ] as [number, number][],
      },
    },
    ended: false,
  };
}

/**
 * Five redraws a second for a few seconds: closer than BURST_MS on the sample clock, so the reader takes
 * the page for one that animates its numbers and from then on checks each change over two drawn frames
 * (what a real dashboard with count-ups costs). Played before `busyTileScenario`, in the same page.
 */
export function animatingPrelude() {
  return {
    name: 'latency-tiles-prelude',
    durationSec: 3,
    stepSec: 0.2,
    seed: 6,
    startAt: '2026-11-25T05:59:00Z',
    metrics: {
      viewers: {
        points: [
          [0, 500],
          [3, 800],
        ] as [number, number][],
      },
      gmv: {
        points: [
          [0, 0],
          [3, 30],
        ] as [number, number][],
      },
    },
    ended: false,
  };
}

/** Starts recording, in the panel page, the wall time each viewers value first shows in its tile. */
export async function watchPanelTile(panel: Page, metric = 'viewers'): Promise<void> {
  await panel.evaluate(`(() => {
    const seen = {};
    window.__tileSeenAt = seen;
    const note = () => {
      const now = performance.timeOrigin + performance.now();
      const el = document.querySelector('[data-metric="${metric}"]');
      const value = el && el.getAttribute('data-value');
      if (value && seen[value] === undefined) seen[value] = now;
    };
    note();
    new MutationObserver(note).observe(document, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'],
    });
  })()`);
}

export interface TileFigures {
  /** Latency of each value shown, ms. */
  ms: number[];
  /** Values the page held ≥ holdMs, and how many of them the tile showed. */
  held: number;
  heldShown: number;
  /** Every value the page drew, and how many the tile showed. */
  drawn: number;
  shown: number;
}

/** Matches the room's written steps with the panel's shown values. */
export async function collectTileFigures(
  panel: Page,
  room: Page,
  scenario: ReturnType<typeof busyTileScenario>,
  holdMs = 250,
): Promise<TileFigures> {
  const parsed = parseScenario(scenario);
  if (!parsed.ok) throw new Error(parsed.error);
  const player = createScenarioPlayer(parsed.scenario);
  const startAt = Date.parse(scenario.startAt);
  const seen = await panel.evaluate(() => ({ ...(window.__tileSeenAt ?? {}) }));
  const times = (await room.evaluate(() => window.mockRoom.shownTimes())).sort((a, b) => a - b);
  const written: { value: number; at: number }[] = [];
  for (const t of times) {
    const at = await room.evaluate((s) => window.mockRoom.shownAt(s), t);
    const value = player.valuesAt((t - startAt) / 1000).metrics.viewers;
    if (at === undefined || typeof value !== 'number') continue;
    // A step whose viewers did not change (only another tile did) is not a new value.
    if (written.at(-1)?.value === value) continue;
    written.push({ value, at });
  }
  const figures: TileFigures = { ms: [], held: 0, heldShown: 0, drawn: 0, shown: 0 };
  // The first value may predate the watch, and the last has no measured hold: both are left out.
  for (let i = 1; i < written.length - 1; i++) {
    const { value, at } = written[i]!;
    const held = written[i + 1]!.at - at;
    const visibleAt = seen[String(value)];
    figures.drawn += 1;
    if (held >= holdMs) figures.held += 1;
    if (visibleAt === undefined) continue;
    figures.shown += 1;
    if (held >= holdMs) figures.heldShown += 1;
    figures.ms.push(visibleAt - at);
  }
  return figures;
}
