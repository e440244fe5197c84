// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUiI18n, I18nContext } from '../../../../components/common/i18nContext';
import { MetricTiles } from '../../../../components/panel/MetricTiles';
import type { SampleRow } from '../../../../lib/store/rows';
import { buildMetricTiles } from '../../../../lib/ui/panel/metricTiles';

const T = Date.UTC(2026, 10, 24, 12, 30);

// Ten lively minutes, then the viewer tile keeps one number for the last minute while the rest moves.
const rows: SampleRow[] = Array.from({ length: 601 }, (_, sec) => ({
  sessionId: 's',
  ts: T - (600 - sec) * 1000,
  metrics: {
    viewers: 1000 + ((Math.min(sec, 540) * 37) % 41),
    entries: sec * 2,
    likes: sec * 11,
  },
}));

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

describe('MetricTiles', () => {
  it('greys a stale tile and says why, leaving the live ones as they are', () => {
    act(() => {
      render(
        <I18nContext.Provider value={createUiI18n('en')}>
          <MetricTiles tiles={buildMetricTiles(rows, T)} now={T} />
        </I18nContext.Provider>,
        root,
      );
    });
    const viewers = root.querySelector<HTMLElement>('[data-metric="viewers"]')!;
    expect(viewers.dataset.stale).toBe('stuck');
    expect(viewers.classList.contains('stale')).toBe(true);
    expect(viewers.querySelector('.metric-stale')?.textContent).toBe('not changing');
    const entries = root.querySelector<HTMLElement>('[data-metric="entries"]')!;
    expect(entries.dataset.stale).toBeUndefined();
    expect(entries.querySelector('.metric-stale')).toBeNull();
  });
});
