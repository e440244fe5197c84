import { describe, expect, it } from 'vitest';
import { askedSince, askerKey, byMostAskers } from '../../../../lib/core/comments/askers';

describe('askers', () => {
  it('counts a viewer once by name, trimmed and case-blind', () => {
    expect(askerKey({ user: ' Lily ', text: '多大码' })).toBe(askerKey({ user: 'lily', text: '偏大吗' }));
    expect(askerKey({ user: 'lily', text: '多大码' })).not.toBe(askerKey({ user: 'mia', text: '多大码' }));
  });

  it('counts a nameless ask by its words', () => {
    expect(askerKey({ user: '', text: '多大码' })).toBe(askerKey({ user: '  ', text: ' 多大码 ' }));
    expect(askerKey({ user: '', text: '多大码' })).not.toBe(askerKey({ user: '', text: '偏大吗' }));
    // A name that reads like someone's words is still a name.
    expect(askerKey({ user: '多大码', text: 'x' })).not.toBe(askerKey({ user: '', text: '多大码' }));
  });

  it('leaves an ask at the very opening of the window out', () => {
    expect(askedSince(1_001, 1_000)).toBe(true);
    expect(askedSince(1_000, 1_000)).toBe(false);
  });

  it('puts the most asked first, then the newest', () => {
    const asked = [
      { topic: 'price', askers: 3, lastAt: 5 },
      { topic: 'size', askers: 5, lastAt: 1 },
      { topic: 'link', askers: 3, lastAt: 9 },
    ];
    expect(asked.sort(byMostAskers).map((q) => q.topic)).toEqual(['size', 'link', 'price']);
  });
});
