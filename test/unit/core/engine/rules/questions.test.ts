import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../../lib/core/engine/types';
import { renderCueText } from '../../../../../lib/core/format/renderCue';
import { fold, only, samples, T0 } from '../engineHarness';

// The `questions` rule through the engine: comments in (with the samples a room sends), cues out.

const at = (sec: number) => T0 + sec * 1000;
const comment = (sec: number, user: string, text: string): EngineEvent => ({
  kind: 'comment',
  ts: at(sec),
  user,
  text,
});

/** A lively room: a sample a second and chatter every second from rotating viewers. */
function room(untilSec: number, extra: EngineEvent[]): EngineEvent[] {
  const chatter = ['来了', '好看', '666', '主播好', '扣1', '哈哈哈', '❤️', '支持'];
  const events: EngineEvent[] = [
    ...samples(0, untilSec, () => ({ viewers: 800 })),
    ...Array.from({ length: untilSec }, (_, sec) => comment(sec + 0.5, `fan${sec % 23}`, chatter[sec % 8]!)),
    ...extra,
  ];
  return events.sort((a, b) => a.ts - b.ts);
}

const questionsOnly = (params: Record<string, unknown> = {}) => only({ questions: params });

describe('questions', () => {
  it('names the topic several viewers ask, how many, their words, and what to do', () => {
    const { cues } = fold(
      room(120, [
        comment(60, 'a', '多大码'),
        comment(62, 'b', '165/120斤穿什么码'),
        comment(64, 'a', '多大码啊？？'),
        comment(66, 'c', '偏大还是偏小'),
        comment(68, 'd', '我平时穿M拿哪个'),
      ]),
      questionsOnly(),
    );
    expect(cues).toHaveLength(1);
    const [cue] = cues;
    expect(cue).toMatchObject({ ruleId: 'questions', key: 'size', firedAt: at(68), severity: 'act' });
    expect(cue?.params).toMatchObject({ topic: 'size', askers: 4 });
    expect(cue?.params.words).toContain('偏大还是偏小');
    expect(renderCueText(cue!, 'zh-CN').title).toBe('4 人问尺码 — 报尺码表');
    expect(renderCueText(cue!, 'en').title).toBe('4 asking about size — show the size chart');
  });

  it('never fires on chatter, on one viewer asking again and again, or on scattered single questions', () => {
    const scattered = ['多少钱', '几号链接', '什么时候发货', '有优惠券吗', '起球吗', '能退吗', '还有货吗'];
    const { cues } = fold(
      room(3600, [
        ...Array.from({ length: 10 }, (_, i) => comment(100 + i * 5, 'same', '多大码？')),
        ...scattered.map((text, i) => comment(600 + i * 400, `asker${i}`, text)),
      ]),
      questionsOnly(),
    );
    expect(cues).toEqual([]);
  });

  it('cues each topic on its own, and done means answered: the count restarts from there', () => {
    const first = fold(
      room(120, [
        comment(30, 'a', 'how much?'),
        comment(31, 'b', 'price??'),
        comment(32, 'c', 'how much is it'),
        comment(33, 'j', 'price pls'),
        comment(40, 'd', '几号链接'),
        comment(41, 'e', '链接在哪'),
        comment(42, 'f', '上链接'),
        comment(43, 'k', '求链接'),
      ]),
      questionsOnly(),
    );
    expect(first.cues.map((cue) => [cue.key, cue.status])).toEqual([
      ['price', 'active'],
      ['link', 'active'],
    ]);

    const price = first.cues[0]!;
    const answered = fold(
      room(300, [
        comment(30, 'a', 'how much?'),
        comment(31, 'b', 'price??'),
        comment(32, 'c', 'how much is it'),
        comment(33, 'j', 'price pls'),
        { kind: 'action', ts: at(50), cueId: price.id, action: 'done' },
        // Three more ask after the answer: not yet a burst of their own.
        comment(60, 'g', 'how much'),
        comment(61, 'h', 'price?'),
        comment(61.5, 'a', 'how much?? still'),
        // A fourth: the price is missing again.
        comment(62, 'i', 'what is the price'),
      ]),
      questionsOnly(),
    );
    expect(answered.cues.map((cue) => [cue.key, cue.firedAt, cue.status])).toEqual([
      ['price', at(33), 'done'],
      ['price', at(62), 'active'],
    ]);
  });

  it('ignores a dismissed topic for a while, then counts it afresh', () => {
    const events = room(1200, [
      comment(30, 'a', '什么时候发货'),
      comment(31, 'b', '几天到'),
      comment(32, 'c', '包邮吗'),
      comment(33, 'j', '顺丰吗'),
      comment(100, 'd', '发什么快递'),
      comment(101, 'e', '几天能到'),
      comment(102, 'f', '偏远地区发吗'),
      comment(103, 'k', '今天发吗'),
      comment(1000, 'g', '什么时候发货'),
      comment(1001, 'h', '几天到'),
      comment(1002, 'i', '包邮吗'),
      comment(1003, 'l', '顺丰吗'),
    ]);
    const { cues: before } = fold(events, questionsOnly({ ignoreSec: 600 }));
    const shipping = before[0]!;
    events.push({ kind: 'action', ts: at(40), cueId: shipping.id, action: 'dismiss' });
    events.sort((a, b) => a.ts - b.ts);
    const { cues } = fold(events, questionsOnly({ ignoreSec: 600 }));
    expect(cues.map((cue) => [cue.firedAt, cue.status])).toEqual([
      [at(33), 'dismissed'],
      [at(1003), 'active'],
    ]);
  });

  it('takes the topics a stored comment carries instead of classifying it again', () => {
    const stored = (sec: number, user: string): EngineEvent => ({
      kind: 'comment',
      ts: at(sec),
      user,
      text: 'zzz',
      topics: ['stock'],
    });
    const { cues } = fold(
      room(60, [stored(10, 'a'), stored(11, 'b'), stored(12, 'c'), stored(13, 'd')]),
      questionsOnly(),
    );
    expect(cues.map((cue) => cue.key)).toEqual(['stock']);
  });

  it('classifies with the operator’s own words from the session’s settings', () => {
    const events = room(60, [
      comment(10, 'a', '青色款'),
      comment(11, 'b', '青色款'),
      comment(12, 'c', '青色款'),
      comment(13, 'd', '青色款'),
    ]);
    expect(fold(events, questionsOnly()).cues).toEqual([]);
    const { cues } = fold(events, questionsOnly({ lexicon: { stock: ['青色款'] } }));
    expect(cues.map((cue) => cue.key)).toEqual(['stock']);
  });
});
