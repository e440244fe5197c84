import { describe, expect, it } from 'vitest';
import { TimedKeys } from '../../../../lib/core/comments/timedKeys';

describe('TimedKeys', () => {
  it('counts distinct keys in the window, a key repeated counting until its last entry expires', () => {
    const keys = new TimedKeys(100);
    keys.add(1, 'a');
    keys.add(2, 'b');
    keys.add(3, 'a');
    expect([keys.length, keys.distinct, keys.oldest]).toEqual([3, 2, 1]);
    keys.expire(1);
    expect([keys.length, keys.distinct]).toEqual([2, 2]);
    keys.expire(2);
    expect([keys.length, keys.distinct, keys.has('a'), keys.has('b')]).toEqual([1, 1, true, false]);
    keys.expire(3);
    expect([keys.length, keys.distinct, keys.oldest]).toEqual([0, 0, undefined]);
  });

  it('keeps a key whose two entries share one time until both are gone', () => {
    const keys = new TimedKeys(10);
    keys.add(5, 'a');
    keys.add(5, 'a');
    keys.add(6, 'b');
    expect(keys.distinct).toBe(2);
    keys.expire(5);
    expect(keys.distinct).toBe(1);
  });

  it('drops the oldest entries when full, growing its storage only up to its capacity', () => {
    const keys = new TimedKeys(3);
    for (let i = 0; i < 10; i++) keys.add(i, `k${i}`);
    expect([keys.length, keys.distinct, keys.oldest]).toEqual([3, 3, 7]);
    keys.clear();
    keys.add(20, 'k9');
    expect([keys.length, keys.distinct]).toEqual([1, 1]);
  });
});
