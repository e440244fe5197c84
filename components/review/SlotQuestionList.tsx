import type { SlotQuestions } from '../../lib/ui/review/slotQuestions';
import { useI18n } from '../common/i18nContext';

// The review's list of what viewers asked during each product slot, most-asked first: the information a
// product's pitch left out (a size chart, a price card, the link number).

export function SlotQuestionList({ slots }: { slots: readonly SlotQuestions[] }) {
  const { t } = useI18n();
  const asked = slots.filter((entry) => entry.questions.length > 0);
  if (asked.length === 0)
    return (
      <p class="muted" data-testid="slot-questions-none">
        {t('review.noQuestions')}
      </p>
    );
  return (
    <ol class="slot-questions" data-testid="slot-questions">
      {asked.map(({ slot, questions }) => (
        <li key={`${slot.from}`} data-slot-from={slot.from}>
          <strong>{slot.name}</strong>
          <ul>
            {questions.map((question) => (
              <li key={question.topic} data-topic={question.topic}>
                {t('review.slotQuestion', { topic: t(`topic.${question.topic}`), askers: question.askers })}
                <span class="muted"> {question.words.map((word) => `「${word}」`).join(' ')}</span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
