import { describe, expect, it } from 'vitest';
import { readsThisFrame } from '../../../lib/room/frameRole';

const PATTERNS = ['https://shop.example.com/live/*'];

function frame(href: string, top: { href: string } | 'cross-origin' | 'self'): Window {
  const win: Record<string, unknown> = { location: { href } };
  if (top === 'self') win.top = win;
  else if (top === 'cross-origin')
    win.top = {
      get location(): never {
        throw new DOMException('Blocked', 'SecurityError');
      },
    };
  else win.top = { location: { href: top.href }, document: { documentElement: {} } };
  return win as unknown as Window;
}

describe('readsThisFrame: one room per tab', () => {
  it('the top frame reads', () => {
    expect(readsThisFrame(frame('https://shop.example.com/live/1', 'self'), PATTERNS)).toBe(true);
  });

  it('a same-origin frame under a room page leaves the reading to the top, which walks into it', () => {
    const top = { href: 'https://shop.example.com/live/1' };
    expect(readsThisFrame(frame('https://shop.example.com/live/panel', top), PATTERNS)).toBe(false);
    expect(readsThisFrame(frame('about:blank', top), PATTERNS)).toBe(false);
  });

  it('a room page framed by a page that is no room, or cross-origin, reads for itself', () => {
    expect(
      readsThisFrame(
        frame('https://shop.example.com/live/1', { href: 'https://shop.example.com/home' }),
        PATTERNS,
      ),
    ).toBe(true);
    expect(readsThisFrame(frame('https://shop.example.com/live/1', 'cross-origin'), PATTERNS)).toBe(true);
  });
});
