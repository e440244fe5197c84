import { normalizeComment } from './normalizeComment';

// The viewers' own words a cue quotes as evidence ("14 人问尺码: 165/120斤穿什么码 · 多大码 · 有XL吗"): short,
// whitespace collapsed, and two quotes that say the same thing ("多少钱" / "多少钱？？") counted once.

export const EVIDENCE_CHARS = 24;

/** The comment cut to `maxChars` characters (code points, so an emoji is never split), with … when cut. */
export function shortEvidence(text: string, maxChars = EVIDENCE_CHARS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length <= maxChars
    ? clean
    : `${chars
        .slice(0, maxChars - 1)
        .join('')
        .trimEnd()}…`;
}

/** What two quotes are compared by: the matching form without punctuation, emoji or spaces. */
export function evidenceKey(text: string): string {
  return normalizeComment(text).replace(/[\s\p{P}\p{S}]/gu, '');
}
