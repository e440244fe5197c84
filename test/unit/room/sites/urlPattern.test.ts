import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../../../lib/room/sites/urlPattern';

// Manifest-style match patterns, each made into an expression once and asked again for every URL.

describe('matchesPattern', () => {
  it('answers for each URL on its own when one pattern is asked again and again', () => {
    const pattern = 'https://*.jinritemai.com/dashboard/live/*';
    expect(matchesPattern(new URL('https://buyin.jinritemai.com/dashboard/live/control?x=1'), pattern)).toBe(
      true,
    );
    expect(matchesPattern(new URL('https://buyin.jinritemai.com/dashboard/shop'), pattern)).toBe(false);
    expect(matchesPattern(new URL('https://jinritemai.com/dashboard/live/control'), pattern)).toBe(true);
    expect(matchesPattern(new URL('https://evil.com/jinritemai.com/dashboard/live/'), pattern)).toBe(false);
    expect(matchesPattern(new URL('https://buyin.jinritemai.com/dashboard/live/control'), pattern)).toBe(
      true,
    );
  });

  it('refuses a bad pattern every time it is asked', () => {
    expect(() => matchesPattern(new URL('https://a.com/'), 'a.com/*')).toThrow(/bad match pattern/);
    expect(() => matchesPattern(new URL('https://a.com/'), 'a.com/*')).toThrow(/bad match pattern/);
  });
});
