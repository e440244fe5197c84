import { type ClassifyComment, createCommentClassifier } from '../comments/classifyComment';
import { parseCommentLexicon } from '../settings/commentLexicon';

// The comment classifier a session runs: the default lexicon extended by the operator's words, which are
// frozen into the session's rule settings (`questions.lexicon`) like every other parameter, so the live
// fold, a refold and a replay classify alike. A word the lexicon schema refuses is left out, never fatal.

export function classifierFor(ruleSettings: unknown): ClassifyComment {
  const lexicon = (ruleSettings as { questions?: { lexicon?: unknown } } | null | undefined)?.questions
    ?.lexicon;
  return createCommentClassifier(lexicon === undefined ? {} : parseCommentLexicon(lexicon).lexicon);
}
