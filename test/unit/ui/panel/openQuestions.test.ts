import fc from 'fast-check';
import { expect, it } from 'vitest';
import { QuestionTracker } from '../../../../lib/core/comments/questionTracker';
import type { Cue } from '../../../../lib/core/engine/types';
import type { CommentRow } from '../../../../lib/store/rows';
import { openQuestions, questionsSince } from '../../../../lib/ui/panel/openQuestions';

const T = Date.UTC(2026, 10, 24, 12);
const questionCue = (id: string, topic: string, extra: Partial<Cue> = {}): Cue => ({
  id,
  sessionId: 's',
  ruleId: 'questions',
  key: topic,
  firedAt: T,
  severity: 'act',
  title: `cue.questions.title.${topic}`,
  detail: `cue.questions.detail.${topic}`,
  params: { topic, askers: 4, words: '「多大码」 「偏大吗」', windowSec: 90 },
  evidence: [],
  expiresAt: T + 240_000,
  status: 'active',
  ...extra,
});
const comment = (sec: number, user: string, text: string, topics: CommentRow['topics']): CommentRow => ({
  sessionId: 's',
  ts: T + sec * 1000,
  user,
  text,
  topics,
});

it('counts the askers of each open question since its burst began, newest words first', () => {
  const cues = [questionCue('size', 'size'), questionCue('done', 'price', { status: 'done' })];
  const comments = [
    comment(-120, 'old', '多大码', ['size']),
    comment(-60, 'a', '多大码', ['size']),
    comment(-50, 'b', '偏大吗', ['size']),
    comment(-40, 'c', '165穿什么码', ['size']),
    comment(-30, 'd', '我穿M还是L', ['size']),
    comment(10, 'e', '胖子能穿吗', ['size']),
    comment(12, 'e', '胖子能穿吗', ['size']),
    comment(15, 'f', '好看', []),
  ];
  expect(openQuestions(cues, comments)).toEqual([
    {
      cueId: 'size',
      topic: 'size',
      askers: 5,
      words: ['胖子能穿吗', '我穿M还是L', '165穿什么码'],
      lastAt: T + 12_000,
      status: 'active',
    },
  ]);
  expect(questionsSince(cues)).toBe(T - 90_000);
});

it('keeps the cue’s own count and quotes until its comments are read', () => {
  expect(openQuestions([questionCue('size', 'size')], [])).toMatchObject([
    { askers: 4, words: ['多大码', '偏大吗'], lastAt: T },
  ]);
  expect(questionsSince([])).toBeNull();
});

it('counts askers as the engine does: names case-blind, a nameless ask by its words, the window open at its start', () => {
  const comments = [
    comment(-90, 'early', '多大码', ['size']), // at the window's opening: out, as in the engine
    comment(-60, 'Lily', '多大码', ['size']),
    comment(-50, ' lily ', '偏大吗', ['size']),
    comment(-40, '', '有S码吗', ['size']),
    comment(-30, '', '有S码吗', ['size']),
    comment(-20, '', '165穿什么码', ['size']),
  ];
  const cue = questionCue('size', 'size', { params: { topic: 'size', askers: 0, windowSec: 90 } });
  const tracker = new QuestionTracker({ windowSec: 90, minAskers: 1 });
  for (const c of comments) tracker.add(c, c.topics);
  expect(openQuestions([cue], comments)[0]?.askers).toBe(3);
  expect(tracker.topic('size', T).askers).toBe(3);
});

it('never counts the askers of a burst other than the engine’s tracker does', () => {
  const users = ['a', 'A', ' a', 'b', '', ''];
  const texts = ['多大码', '偏大吗', '多大码 '];
  const ask = fc.record({
    sec: fc.integer({ min: -150, max: 0 }),
    user: fc.constantFrom(...users),
    text: fc.constantFrom(...texts),
    size: fc.boolean(),
  });
  fc.assert(
    fc.property(fc.array(ask, { maxLength: 40 }), (asks) => {
      const comments = asks
        .sort((x, y) => x.sec - y.sec)
        .map((a) => comment(a.sec, a.user, a.text, a.size ? ['size'] : []));
      const tracker = new QuestionTracker({ windowSec: 90, minAskers: 1 });
      for (const c of comments) tracker.add(c, c.topics);
      const cue = questionCue('size', 'size', { params: { topic: 'size', askers: 0, windowSec: 90 } });
      const counted = openQuestions([cue], comments)[0]?.askers;
      expect(counted).toBe(tracker.topic('size', T).askers);
    }),
  );
});
