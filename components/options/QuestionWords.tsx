import { useEffect, useState } from 'preact/hooks';
import type { CommentLexicon } from '../../lib/core/comments/classifyComment';
import { COMMENT_LEXICON_KEYS } from '../../lib/core/comments/commentLexicon';
import {
  draftsOf,
  type LexiconDrafts,
  type LexiconKey,
  lexiconFromDrafts,
  MAX_LEXICON_WORDS,
} from '../../lib/ui/options/lexiconDraft';
import type { SendCommand } from '../../lib/ui/sendCommand';
import { useI18n } from '../common/i18nContext';

// The operator's own words for the questions viewers ask (the `questions` rule's lexicon): what their
// room says for "link" (几号车) or "size" (米数), and words that only look like a question (a product
// called 包邮哥). Saved with the rules, so it applies to sessions that start after saving.

export function QuestionWords({ lexicon, send }: { lexicon: CommentLexicon | undefined; send: SendCommand }) {
  const { t } = useI18n();
  const stored = JSON.stringify(lexicon ?? {});
  const [drafts, setDrafts] = useState<LexiconDrafts>(() => draftsOf(lexicon));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDrafts(draftsOf(lexicon)), [stored]);

  const save = async (event: Event) => {
    event.preventDefault();
    const { lexicon: next, issues } = lexiconFromDrafts(drafts);
    setProblems(issues.map((issue) => `${issue.path} — ${issue.message}`));
    if (issues.length > 0) return;
    const result = await send({
      type: 'settings.update',
      // Every topic is sent, so a box the operator emptied clears its words (patches merge key by key).
      patch: {
        rules: {
          questions: {
            lexicon: Object.fromEntries(COMMENT_LEXICON_KEYS.map((key) => [key, next[key] ?? []])),
          },
        },
      },
    });
    setSaved(result.ok);
    if (!result.ok) setProblems([t('error.command', { error: result.error })]);
  };
  const label = (key: LexiconKey) => (key === 'ignore' ? t('words.ignore') : t(`topic.${key}`));

  return (
    <section class="question-words" data-testid="question-words">
      <h2>{t('words.title')}</h2>
      <p class="muted">{t('words.help', { max: MAX_LEXICON_WORDS })}</p>
      <form onSubmit={save}>
        <div class="word-grid">
          {COMMENT_LEXICON_KEYS.map((key) => (
            <label key={key} class="field">
              <span>{label(key)}</span>
              <textarea
                rows={3}
                data-topic={key}
                value={drafts[key] ?? ''}
                onInput={(event) => {
                  setSaved(false);
                  setDrafts({ ...drafts, [key]: event.currentTarget.value });
                }}
              />
            </label>
          ))}
        </div>
        {problems.length > 0 && (
          <ul class="error" role="alert" data-testid="question-words-errors">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        <button type="submit" data-testid="save-question-words">
          {t('words.save')}
        </button>
        {saved && <span class="muted"> {t('words.saved')}</span>}
      </form>
    </section>
  );
}
