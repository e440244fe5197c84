import type { CommentTopic } from '../../core/comments/commentTopics';
import type { CommentRow } from '../../store/rows';
import type { ProductSlot } from './productSlots';

// What viewers asked while each product was on screen (复盘: which product left which question open): per
// slot, its topics by distinct askers, with a few of their words.

export interface SlotQuestion {
  topic: CommentTopic;
  /** Distinct commenters who asked it during the slot (one asking five times counts once). */
  askers: number;
  /** Up to three of their words, newest first, never two alike. */
  words: string[];
}

export interface SlotQuestions {
  slot: ProductSlot;
  questions: SlotQuestion[];
}

/** `comments` oldest first; a comment belongs to the slot whose time span holds it. */
export function slotQuestions(
  slots: readonly ProductSlot[],
  comments: readonly CommentRow[],
  perSlot = 3,
): SlotQuestions[] {
  return slots.map((slot) => {
    const byTopic = new Map<CommentTopic, { askers: Set<string>; words: string[] }>();
    for (const comment of comments) {
      if (comment.ts < slot.from || comment.ts > slot.to) continue;
      for (const topic of comment.topics) {
        const entry = byTopic.get(topic) ?? { askers: new Set(), words: [] };
        // A nameless row cannot be told apart: each one counts as its own asker.
        entry.askers.add(comment.user || `#${comment.ts}`);
        entry.words.push(comment.text);
        byTopic.set(topic, entry);
      }
    }
    const questions = [...byTopic.entries()]
      .map(([topic, { askers, words }]) => ({
        topic,
        askers: askers.size,
        words: [...new Set(words.reverse())].slice(0, 3),
      }))
      .sort((a, b) => b.askers - a.askers || a.topic.localeCompare(b.topic))
      .slice(0, perSlot);
    return { slot, questions };
  });
}
