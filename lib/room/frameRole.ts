import { matchesPattern } from './sites/urlPattern';

// The content script runs in every frame (all_frames, match_about_blank), but a tab is one room. The frame
// that reads is the top one whenever it is ours and reachable: it walks into its same-origin frames, so
// their numbers merge into its reading. A frame reads for itself only when no reader above can reach it:
// its top is cross-origin, or its top is no live-room page.

const matchesAny = (href: string, patterns: readonly string[]) => {
  try {
    const url = new URL(href);
    return patterns.some((p) => matchesPattern(url, p));
  } catch {
    return false;
  }
};

/** True when this frame's content script should read the room; false when a reader above covers it. */
export function readsThisFrame(win: Window, patterns: readonly string[]): boolean {
  if (win.top === win || !win.top) return true;
  let topHref: string;
  try {
    topHref = win.top.location.href;
    void win.top.document.documentElement;
  } catch {
    // A cross-origin top: no reader of ours can see into this frame.
    return true;
  }
  // Injected without a manifest match (an about:blank frame, or an origin enabled at run time, which covers
  // the whole origin and so the top too): the top's reader walks into this frame.
  if (!matchesAny(win.location.href, patterns)) return false;
  return !matchesAny(topHref, patterns);
}
