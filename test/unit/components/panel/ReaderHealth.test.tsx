// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUiI18n, I18nContext } from '../../../../components/common/i18nContext';
import { ReaderHealth } from '../../../../components/panel/ReaderHealth';
import { summariseHealth } from '../../../../lib/ui/panel/readerHealth';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  act(() => render(null, root));
  root.remove();
});

it('shows each refusal with the raw text the page showed and why, and a frozen page', () => {
  const health = summariseHealth({
    parsed: ['viewers'],
    failed: [
      { metric: 'gmv', raw: '01234567890123456789', reason: 'implausible' },
      { metric: 'likes', raw: '12 Tr', reason: 'unknown-unit' },
    ],
    missing: [],
    frozenSec: 75,
    hidden: true,
  });
  act(() =>
    render(
      <I18nContext.Provider value={createUiI18n('en')}>
        <ReaderHealth health={health} onPick={() => {}} />
      </I18nContext.Provider>,
      root,
    ),
  );
  const gmv = root.querySelector('[data-metric-failed="gmv"]')!;
  expect(gmv.querySelector('code')?.textContent).toBe('01234567890123456789');
  expect(gmv.querySelector('[data-reason]')?.textContent).toBe('is no number a room shows');
  expect(root.querySelector('[data-metric-failed="likes"] [data-reason]')?.textContent).toBe(
    'has a unit Livecue does not know',
  );
  expect(root.querySelector('[data-testid="reader-health-frozen"]')?.textContent).toContain('1:15');
  expect(root.querySelector('[data-testid="reader-health-hidden"]')).not.toBeNull();
});

it('names how a metric was found when no label sits beside it: the site’s own headline, or the operator’s pick', () => {
  const health = summariseHealth({
    parsed: ['gmv', 'viewers', 'orders'],
    failed: [],
    missing: [],
    sources: { gmv: 'adapter', orders: 'picked' },
  });
  act(() =>
    render(
      <I18nContext.Provider value={createUiI18n('en')}>
        <ReaderHealth health={health} onPick={() => {}} />
      </I18nContext.Provider>,
      root,
    ),
  );
  expect(root.querySelector('[data-metric-source="gmv"]')?.getAttribute('data-source')).toBe('adapter');
  expect(root.querySelector('[data-metric-source="gmv"]')?.textContent).toContain('always shows it');
  expect(root.querySelector('[data-metric-source="orders"]')?.textContent).toContain('you picked');
  expect(root.querySelector('[data-metric-source="viewers"]')).toBeNull();
});

it('says how many comments the page read but could not keep', () => {
  const health = summariseHealth({ parsed: ['viewers'], failed: [], missing: [], commentsDropped: 1234 });
  act(() =>
    render(
      <I18nContext.Provider value={createUiI18n('en')}>
        <ReaderHealth health={health} onPick={() => {}} />
      </I18nContext.Provider>,
      root,
    ),
  );
  expect(root.querySelector('[data-testid="reader-health-comments-dropped"]')?.textContent).toContain('1234');
});
