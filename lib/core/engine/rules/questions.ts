import { builtOnFirstUse } from '../../builtOnFirstUse';
import { commentLexiconSchema } from '../../comments/commentLexicon';
import type { CommentTopic } from '../../comments/commentTopics';
import { QuestionTracker, type TopicQuestions } from '../../comments/questionTracker';
import { z } from '../../zodMini';
import type { RoomStats } from '../roomStats';
import {
  CLEAR,
  commonFields,
  defineRule,
  FIRE,
  field,
  intIn,
  numberIn,
  type Proposal,
} from '../ruleDefinition';

// Viewers keep asking the same thing: several distinct viewers ask one topic in a short window, so the
// answer is not on screen. Cue it by name with their words and what to show (OPERATOR-PRACTICE.md "The
// comment stream"). Chatter and scattered single questions never fire; one viewer asking again counts once.
// Each topic is its own cue (they stand side by side); done means answered (the topic's count restarts),
// dismiss means ignore it for a while. Comments are their own evidence: a frozen dashboard does not make a
// question stale, so the rule runs whatever the numbers do.

export const questionsParams = builtOnFirstUse(() =>
  z.object({
    ...commonFields({ cooldownSec: 15, ttlSec: 240 }),
    windowSec: field(intIn(20, 900), 90),
    minAskers: field(intIn(2, 1000), 4),
    /** …and this share of the window's distinct commenters, so a busy room's trickle is not a burst. */
    minSharePct: field(numberIn(0, 50), 2),
    /** The least time before a topic that was cued (and not answered) is cued again. */
    recueSec: field(intIn(30, 3600), 180),
    /** How long a dismissed (ignored) topic is not counted. */
    ignoreSec: field(intIn(60, 7200), 900),
    /** The operator's own words per topic, on top of the built-in ones (lib/core/comments). */
    lexicon: field(commentLexiconSchema, {}),
  }),
);
export type QuestionsParams = z.infer<ReturnType<typeof questionsParams>>;

export const questions = defineRule({
  id: 'questions',
  severity: 'act',
  priority: 65,
  onTick: false,
  checkEverySec: 5,
  onComment: true,
  keyed: true,
  reads: [],
  watchesStaleness: true,
  paramsSchema: questionsParams,
  create(params: QuestionsParams, room: RoomStats) {
    const tracker = new QuestionTracker({
      windowSec: params.windowSec,
      minAskers: params.minAskers,
      minShare: params.minSharePct / 100,
      startedAt: room.startedAt,
    });
    /** Topics cued in their current burst (not answered, not ignored), and when each was last cued. */
    const cued = new Set<CommentTopic>();
    const lastCuedAt = new Map<CommentTopic, number>();
    let pending: TopicQuestions | undefined;

    return {
      comment(comment, topics) {
        tracker.add(comment, topics);
      },
      check(now) {
        pending = undefined;
        const open = tracker.open(now);
        // A burst that died down may come back as a new one.
        for (const topic of cued) if (!open.some((q) => q.topic === topic)) cued.delete(topic);
        for (const question of open) {
          if (cued.has(question.topic)) continue;
          if (now - (lastCuedAt.get(question.topic) ?? Number.NEGATIVE_INFINITY) < params.recueSec * 1000)
            continue;
          pending = question;
          return FIRE;
        }
        return CLEAR;
      },
      propose(): Proposal {
        const question = pending!;
        return {
          key: question.topic,
          title: `cue.questions.title.${question.topic}`,
          detail: `cue.questions.detail.${question.topic}`,
          params: {
            topic: question.topic,
            askers: question.askers,
            words: question.evidence.map((word) => `「${word}」`).join(' '),
            windowSec: params.windowSec,
          },
          evidence: [{ metric: 'askers', from: 0, to: question.askers, windowSec: params.windowSec }],
        };
      },
      fired(now) {
        if (!pending) return;
        cued.add(pending.topic);
        lastCuedAt.set(pending.topic, now);
      },
      acted(cue, action, ts) {
        const topic = cue.params.topic as CommentTopic;
        if (action === 'done') {
          tracker.answer(topic, ts);
          cued.delete(topic);
          lastCuedAt.delete(topic);
        } else if (action === 'dismiss') {
          tracker.ignore(topic, ts + params.ignoreSec * 1000);
          cued.delete(topic);
        }
      },
    };
  },
});
