import { describe, expect, it } from 'vitest';
import { classifyComment } from '../../../../lib/core/comments/classifyComment';
import { QuestionTracker, type QuestionTrackerOptions } from '../../../../lib/core/comments/questionTracker';

const T0 = Date.UTC(2026, 10, 24, 12);
const at = (sec: number) => T0 + sec * 1000;

/** A tracker fed [second, user, text] comments, each classified as the engine will. */
function feed(comments: [number, string, string][], options: QuestionTrackerOptions = {}): QuestionTracker {
  const tracker = new QuestionTracker({ startedAt: T0, ...options });
  for (const [sec, user, text] of comments) tracker.add({ ts: at(sec), user, text }, classifyComment(text));
  return tracker;
}

const CHATTER = ['来了', '666', '好看', '扣1', '主播好美', '哈哈哈', '❤️❤️', '已拍', 'love it', '冲冲冲'];

describe('QuestionTracker', () => {
  it('opens a topic several viewers ask in a short window, with a few of their words', () => {
    const tracker = feed([
      [0, 'a', '多大码'],
      [5, 'b', '165/120斤穿什么码'],
      [9, 'c', '有XL吗'],
      [14, 'd', '尺码表发一下'],
      [15, 'e', '好看'],
    ]);
    const [open, ...rest] = tracker.open(at(20));
    expect(rest).toEqual([]);
    expect(open).toEqual({
      topic: 'size',
      askers: 4,
      evidence: ['尺码表发一下', '有XL吗', '165/120斤穿什么码'],
      lastAt: at(14),
      firstAt: at(0),
    });
  });

  it('counts a viewer asking again once, and quotes them once', () => {
    const tracker = feed([
      [0, 'a', '多少钱'],
      [2, 'a', '多少钱？？'],
      [4, 'a', '这个多少钱啊'],
      [6, 'b', '多少钱'],
    ]);
    expect(tracker.topic('price', at(10))).toMatchObject({ askers: 2, evidence: ['多少钱', '这个多少钱啊'] });
    expect(tracker.open(at(10))).toEqual([]);
  });

  it('never opens on an hour of chatter or on scattered single questions', () => {
    const comments: [number, string, string][] = [];
    for (let s = 0; s < 3600; s++) comments.push([s, `v${s % 40}`, CHATTER[s % CHATTER.length]!]);
    // One question every two minutes, each from someone else, on rotating topics.
    const questions = ['多少钱', '几号链接', '包邮吗', '什么码', '还有货吗', '有券吗'];
    for (let s = 30; s < 3600; s += 120)
      comments.push([s, `q${s}`, questions[((s / 120) % questions.length) | 0]!]);
    comments.sort((a, b) => a[0] - b[0]);
    const tracker = new QuestionTracker({ startedAt: T0 });
    for (const [sec, user, text] of comments) {
      tracker.add({ ts: at(sec), user, text }, classifyComment(text));
      expect(tracker.open(at(sec))).toEqual([]);
    }
  });

  it('asks more of a busy room: a handful of askers among hundreds of commenters is no burst', () => {
    const comments: [number, string, string][] = [];
    for (let i = 0; i < 300; i++) comments.push([i * 0.2, `viewer${i}`, CHATTER[i % CHATTER.length]!]);
    for (let i = 0; i < 4; i++) comments.push([60, `asker${i}`, '包邮吗']);
    expect(feed(comments).open(at(61))).toEqual([]);
    for (let i = 4; i < 40; i++) comments.push([61, `asker${i}`, '包邮吗']);
    expect(
      feed(comments)
        .open(at(62))
        .map((q) => [q.topic, q.askers]),
    ).toEqual([['shipping', 40]]);
  });

  it('forgets asks older than the window', () => {
    const tracker = feed(
      [
        [0, 'a', 'link?'],
        [10, 'b', 'link pls'],
        [20, 'c', "where's the link"],
      ],
      { windowSec: 60 },
    );
    expect(tracker.topic('link', at(30)).askers).toBe(3);
    expect(tracker.topic('link', at(65)).askers).toBe(2);
    expect(tracker.topic('link', at(81)).askers).toBe(0);
    expect(tracker.open(at(81))).toEqual([]);
  });

  it('restarts a topic answered, and does not count asks from before the answer that arrive late', () => {
    const tracker = feed([
      [0, 'a', '什么时候发货'],
      [1, 'b', '几天到'],
      [2, 'c', '发什么快递'],
    ]);
    expect(tracker.open(at(3))).toHaveLength(1);
    tracker.answer('shipping', at(3));
    expect(tracker.open(at(3))).toEqual([]);
    tracker.add({ ts: at(2), user: 'd', text: '包邮吗' }, ['shipping']); // stamped before the answer
    tracker.add({ ts: at(5), user: 'a', text: '顺丰吗' }, ['shipping']); // asked again after it: counts
    expect(tracker.topic('shipping', at(6))).toMatchObject({ askers: 1, evidence: ['顺丰吗'] });
  });

  it('stops counting an ignored topic until the ignore runs out', () => {
    const tracker = feed([[0, 'a', '福袋什么时候开']]);
    tracker.ignore('giveaway', at(60));
    for (const [i, user] of ['b', 'c', 'd', 'e'].entries()) {
      tracker.add({ ts: at(10 + i), user, text: '福袋呢' }, ['giveaway']);
    }
    expect(tracker.open(at(20))).toEqual([]);
    expect(tracker.topic('giveaway', at(20)).askers).toBe(0);
    for (const [i, user] of ['b', 'c', 'd'].entries()) {
      tracker.add({ ts: at(61 + i), user, text: '抽奖吗' }, ['giveaway']);
    }
    expect(tracker.open(at(64)).map((q) => q.askers)).toEqual([3]);
    tracker.ignore('giveaway');
    tracker.add({ ts: at(4000), user: 'z', text: '福袋' }, ['giveaway']);
    expect(tracker.topic('giveaway', at(4000)).askers).toBe(0);
    tracker.unignore('giveaway');
    tracker.add({ ts: at(4001), user: 'z', text: '福袋' }, ['giveaway']);
    expect(tracker.topic('giveaway', at(4001)).askers).toBe(1);
  });

  it('tells nameless rows apart by their words: one repeated text is one asker', () => {
    const tracker = feed([
      [0, '', '多少钱'],
      [1, '', '多少钱'],
      [2, '', '怎么卖'],
    ]);
    expect(tracker.topic('price', at(3)).askers).toBe(2);
  });

  it('shortens long quotes and never splits an emoji', () => {
    const tracker = feed([[0, 'a', `这件衣服的面料是什么啊主播能不能详细说一下😀😀😀${'啊'.repeat(40)}`]], {
      evidenceChars: 20,
    });
    const [quote] = tracker.topic('quality', at(1)).evidence;
    expect(Array.from(quote!)).toHaveLength(20);
    expect(quote!.endsWith('…')).toBe(true);
  });

  it('takes time only from its comments: a little out of order counts, a clock jumping back starts afresh', () => {
    const tracker = feed([
      [100, 'a', '多少钱'],
      [99, 'b', '多少钱'], // a batch stamped a moment earlier
      [101, 'c', '价格'],
    ]);
    expect(tracker.topic('price', at(102)).askers).toBe(3);
    tracker.add({ ts: at(-3600), user: 'd', text: '多少钱' }, ['price']); // the page clock went back an hour
    expect(tracker.topic('price', at(-3599)).askers).toBe(1);
  });

  it('keeps bounded memory over an 8-hour stream at 50 comments/s', () => {
    const tracker = new QuestionTracker({ startedAt: T0, windowSec: 60 });
    const texts = [...CHATTER, '多少钱', '几号链接', '什么码'];
    const topics = texts.map(classifyComment);
    for (let i = 0; i < 8 * 3600 * 50; i++) {
      tracker.add(
        { ts: T0 + i * 20, user: `v${i % 5000}`, text: texts[i % texts.length]! },
        topics[i % texts.length]!,
      );
    }
    const end = T0 + 8 * 3600 * 1000;
    // The window (end − 60 s, end] holds the last minute only: 2,999 comments, not 1.44 million.
    expect(tracker.activityAt(end).comments).toBe(2999);
    expect(tracker.topic('price', end).askers).toBeLessThan(300);
  }, 60_000);

  it('reports comments and distinct commenters per minute', () => {
    const tracker = feed(
      [
        [0, 'a', '来了'],
        [10, 'b', '好看'],
        [20, 'a', '666'],
        [30, 'c', '多少钱'],
      ],
      { windowSec: 60 },
    );
    expect(tracker.activityAt(at(30))).toEqual({
      windowSec: 60,
      coveredSec: 30,
      comments: 4,
      commenters: 3,
      commentsPerMin: 8,
      commentersPerMin: 6,
    });
    expect(tracker.activityAt(at(75))).toMatchObject({ coveredSec: 60, comments: 2, commenters: 2 });
  });
});
