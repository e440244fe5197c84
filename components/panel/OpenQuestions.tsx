import { formatDuration } from '../../lib/core/format/formatDuration';
import type { OpenQuestion } from '../../lib/ui/panel/openQuestions';
import { useI18n } from '../common/i18nContext';

// What viewers keep asking and nobody has answered yet: topic, how many asked, their newest words and how
// long ago the last ask came. "Answered" marks the cue done (the topic's count restarts); "ignore"
// dismisses it (the topic is not counted for a while).

interface OpenQuestionsProps {
  questions: readonly OpenQuestion[];
  now: number;
  onAnswered: (cueId: string) => void;
  onIgnore: (cueId: string) => void;
}

export function OpenQuestions({ questions, now, onAnswered, onIgnore }: OpenQuestionsProps) {
  const { locale, t } = useI18n();
  if (questions.length === 0) return null;
  return (
    <section class="open-questions" aria-label={t('questions.title')} data-testid="open-questions">
      <h3>
        {t('questions.title')} <span class="count">{questions.length}</span>
      </h3>
      <ul>
        {questions.map((question) => (
          <li
            key={question.cueId}
            class={`open-question ${question.status}`}
            data-cue-id={question.cueId}
            data-topic={question.topic}
            data-askers={question.askers}
          >
            <p class="question-head">
              <strong>
                {t('questions.askers', { askers: question.askers, topic: t(`topic.${question.topic}`) })}
              </strong>
              <span class="muted">
                {' '}
                · {t('questions.age', { age: formatDuration((now - question.lastAt) / 1000, locale) })}
              </span>
            </p>
            <p class="question-words">{question.words.map((word) => `「${word}」`).join(' ')}</p>
            <p class="question-actions">
              <button type="button" data-action="answered" onClick={() => onAnswered(question.cueId)}>
                {t('questions.answered')}
              </button>
              <button type="button" data-action="ignore" onClick={() => onIgnore(question.cueId)}>
                {t('questions.ignore')}
              </button>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
