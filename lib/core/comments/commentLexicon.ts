import type { SettingsIssue } from '../settingsIssue';
import { z } from '../zodMini';
import type { CommentLexicon } from './classifyComment';
import { COMMENT_TOPICS } from './commentTopics';
import { normalizeComment } from './normalizeComment';

// The operator's own comment words (settings → comments): per topic, phrases that ask about it in their room
// ("几号车" for link, "米数" for size), and phrases to ignore (a product named "包邮哥", a brand with 码 in
// it). They are merged over the default lexicon by createCommentClassifier. Bounded so a pasted list can
// neither slow the classifier nor bloat the settings row.

export const COMMENT_LEXICON_KEYS = [...COMMENT_TOPICS, 'ignore'] as const;
export const MAX_LEXICON_WORDS = 200;
export const MAX_LEXICON_WORD_LENGTH = 40;

/** Punctuation, digits and spaces only would match almost every comment ("?", "1"). */
const meaningful = (word: string) =>
  /[^\s\p{P}\p{N}\p{S}]|\p{Extended_Pictographic}/u.test(normalizeComment(word));

export const lexiconWordSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(MAX_LEXICON_WORD_LENGTH),
    z.refine(meaningful, { message: 'A word needs a letter, a character or an emoji' }),
  );

export const commentLexiconSchema = z.partialRecord(
  z.enum(COMMENT_LEXICON_KEYS),
  z.array(lexiconWordSchema).check(z.maxLength(MAX_LEXICON_WORDS)),
);
export type CommentLexiconSetting = z.infer<typeof commentLexiconSchema>;

export interface ParsedCommentLexicon {
  lexicon: CommentLexicon;
  /** What was dropped and why, by path (`size.3`, `colour`); the rest is kept. */
  issues: SettingsIssue[];
}

/** Parses anything into a usable lexicon: each bad key or word is dropped and reported, never the whole list. */
export function parseCommentLexicon(input: unknown): ParsedCommentLexicon {
  const issues: SettingsIssue[] = [];
  const lexicon: Record<string, string[]> = {};
  if (input === undefined || input === null) return { lexicon, issues };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { lexicon, issues: [{ path: '', message: 'The comment words were not an object' }] };
  }
  for (const [key, list] of Object.entries(input)) {
    if (!(COMMENT_LEXICON_KEYS as readonly string[]).includes(key)) {
      issues.push({ path: key, message: `Unknown topic "${key.slice(0, 40)}"` });
      continue;
    }
    if (!Array.isArray(list)) {
      issues.push({ path: key, message: 'Expected a list of words' });
      continue;
    }
    const kept: string[] = [];
    const seen = new Set<string>();
    list.forEach((word, index) => {
      const parsed = lexiconWordSchema.safeParse(word);
      if (!parsed.success) {
        issues.push({ path: `${key}.${index}`, message: parsed.error.issues[0]?.message ?? 'Invalid word' });
        return;
      }
      const form = normalizeComment(parsed.data);
      if (seen.has(form)) return;
      seen.add(form);
      if (kept.length === MAX_LEXICON_WORDS) {
        issues.push({ path: `${key}.${index}`, message: `More than ${MAX_LEXICON_WORDS} words` });
        return;
      }
      kept.push(parsed.data);
    });
    if (kept.length > 0) lexicon[key] = kept;
  }
  return { lexicon, issues };
}
