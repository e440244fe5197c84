import { expect, it } from 'vitest';
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
