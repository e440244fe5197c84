import { type ClassifyComment, createCommentClassifier } from '../comments/classifyComment';
import { parseCommentLexicon } from '../comments/commentLexicon';

// The comment classifier a session runs: the default lexicon extended by the operator's words, which are
// frozen into the session's rule settings (`questions.lexicon`) like every other parameter, so the live
// fold, a refold and a replay classify alike. A word the lexicon schema refuses is left out, never fatal.
//
// Building one compiles the whole lexicon (7–40 ms here), and every engine asks for one: sessions that share
// a lexicon share a classifier (it is a pure function), and an engine builds it at its first comment, not
// on the worker's way to its first stored sample.

const built = new Map<string, ClassifyComment>();
const KEPT = 8;

export function classifierFor(ruleSettings: unknown): ClassifyComment {
  const raw = (ruleSettings as { questions?: { lexicon?: unknown } } | null | undefined)?.questions?.lexicon;
  const lexicon = raw === undefined ? {} : parseCommentLexicon(raw).lexicon;
  const key = JSON.stringify(lexicon);
  let classify = built.get(key);
  if (!classify) {
    classify = createCommentClassifier(lexicon);
    if (built.size >= KEPT) built.delete(built.keys().next().value!);
    built.set(key, classify);
  }
  return classify;
}

/** The session's classifier, built when the first comment asks for it. */
export function lazyClassifierFor(ruleSettings: unknown): ClassifyComment {
  let classify: ClassifyComment | undefined;
  return (text) => {
    classify ??= classifierFor(ruleSettings);
    return classify(text);
  };
}
