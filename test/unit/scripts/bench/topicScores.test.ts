import { describe, expect, it } from 'vitest';
import { scoreTopics } from '../../../../scripts/bench/comments/topicScores';

describe('scoreTopics', () => {
  it('scores each topic, chatter included, on comments that may ask several', () => {
    const score = scoreTopics(
      [
        { text: 'a', topics: ['price'] },
        { text: 'b', topics: ['price', 'shipping'] },
        { text: 'c', topics: [] },
        { text: 'd', topics: ['size'] },
      ],
      (text) => ({ a: ['price'], b: ['price'], c: ['price'], d: [] })[text] ?? [],
    );
    const by = Object.fromEntries(score.topics.map((t) => [t.topic, t]));
    expect(by.price).toEqual({ topic: 'price', support: 2, precision: 2 / 3, recall: 1 });
    expect(by.shipping).toMatchObject({ support: 1, precision: 1, recall: 0 });
    expect(by.size).toMatchObject({ support: 1, recall: 0 });
    expect(by.chatter).toMatchObject({ support: 1, precision: 0, recall: 0 });
    expect(score.exact).toBe(1 / 4);
    expect(score.misses.map((m) => m.text)).toEqual(['b', 'c', 'd']);
  });
});
