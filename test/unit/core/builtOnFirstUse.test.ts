import { describe, expect, it, vi } from 'vitest';
import { builtOnFirstUse } from '../../../lib/core/builtOnFirstUse';

describe('builtOnFirstUse', () => {
  it('builds nothing until asked, then once, and hands out the same value each time', () => {
    const build = vi.fn(() => ({ table: new Uint16Array(4) }));
    const table = builtOnFirstUse(build);
    expect(build).not.toHaveBeenCalled();
    const first = table();
    expect(table()).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('keeps a value that is undefined or falsy (built once all the same)', () => {
    const build = vi.fn(() => undefined);
    const nothing = builtOnFirstUse(build);
    expect(nothing()).toBeUndefined();
    expect(nothing()).toBeUndefined();
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('tries again after a build that threw', () => {
    let calls = 0;
    const flaky = builtOnFirstUse(() => {
      calls += 1;
      if (calls === 1) throw new Error('not yet');
      return calls;
    });
    expect(() => flaky()).toThrow('not yet');
    expect(flaky()).toBe(2);
    expect(flaky()).toBe(2);
  });
});
