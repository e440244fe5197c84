// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { recordShownAt } from '../../../../scripts/bench/shownAt';

// The benches time what a page shows from inside it (a wait from outside polls at growing gaps). The script
// they hand the page, run here in happy-dom as a page runs it.

const run = (script: string) => new Function(`return ${script}`)();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.replaceChildren();
  delete window.__benchShownAt;
});

describe('recordShownAt', () => {
  it('notes when the page first holds each match, and keeps that first time', async () => {
    run(recordShownAt({ table: '[data-testid="table"]', reading: '[data-testid="reading"]' }));
    await settle();
    expect(window.__benchShownAt).toEqual({});

    const before = performance.timeOrigin + performance.now();
    const table = document.createElement('section');
    table.dataset.testid = 'table';
    document.body.append(table);
    await settle();
    const first = window.__benchShownAt?.table;
    expect(first).toBeGreaterThanOrEqual(before);
    expect(first).toBeLessThanOrEqual(performance.timeOrigin + performance.now());
    expect(window.__benchShownAt?.reading).toBeUndefined();

    table.remove();
    document.body.append(table);
    await settle();
    expect(window.__benchShownAt?.table).toBe(first);
  });

  it('notes a match already there at once, and a match an attribute makes', async () => {
    const list = document.createElement('ul');
    document.body.append(list, document.createElement('p'));
    list.dataset.testid = 'ranking';
    run(recordShownAt({ ranking: '[data-testid="ranking"]', later: 'p.shown' }));
    expect(window.__benchShownAt?.ranking).toBeTypeOf('number');

    document.querySelector('p')!.className = 'shown';
    await settle();
    expect(window.__benchShownAt?.later).toBeTypeOf('number');
  });

  it('starts a name afresh when asked again (a panel watched for the next time it says so)', async () => {
    window.__benchShownAt = { reading: 1 };
    run(recordShownAt({ reading: '[data-testid="reading"]' }));
    expect(window.__benchShownAt?.reading).toBeUndefined();
  });
});
