import type { CommentLexicon } from '../../core/comments/classifyComment';
import {
  COMMENT_LEXICON_KEYS,
  MAX_LEXICON_WORDS,
  parseCommentLexicon,
} from '../../core/comments/commentLexicon';
import type { SettingsIssue } from '../../core/settingsIssue';

// The settings page's editor of the operator's comment words: one text box per topic (and one of words to
// ignore), a word per line or separated by commas. What would not validate is said per word, never saved.

export type LexiconKey = (typeof COMMENT_LEXICON_KEYS)[number];
export type LexiconDrafts = Partial<Record<LexiconKey, string>>;

const SEPARATORS = /[\n,，、;；]+/;

/** The text boxes for a stored lexicon: its words a line each. */
export function draftsOf(lexicon: CommentLexicon | undefined): LexiconDrafts {
  const drafts: LexiconDrafts = {};
  for (const key of COMMENT_LEXICON_KEYS) drafts[key] = (lexicon?.[key] ?? []).join('\n');
  return drafts;
}

/**
 * The lexicon the text boxes say, and each word that cannot be saved (too long, only punctuation, past
 * the limit) with its topic. Blank entries and repeats are simply left out.
 */
export function lexiconFromDrafts(drafts: LexiconDrafts): {
  lexicon: CommentLexicon;
  issues: SettingsIssue[];
} {
  const raw: Record<string, string[]> = {};
  for (const key of COMMENT_LEXICON_KEYS) {
    const words = (drafts[key] ?? '')
      .split(SEPARATORS)
      .map((word) => word.trim())
      .filter(Boolean);
    if (words.length > 0) raw[key] = words;
  }
  const { lexicon, issues } = parseCommentLexicon(raw);
  // Name the word itself, which the operator can find in the box, rather than its index.
  const named = issues.map((issue) => {
    const [key, index] = issue.path.split('.');
    const word = index === undefined ? undefined : raw[key!]?.[Number(index)];
    return { path: word === undefined ? issue.path : `${key}: ${word}`, message: issue.message };
  });
  return { lexicon, issues: named };
}

export { MAX_LEXICON_WORDS };
