import { describe, expect, it } from 'vitest';
import { classifierFor, lazyClassifierFor } from '../../../../lib/core/engine/commentClassifier';

describe('classifierFor', () => {
  it("classifies with the session's own words on top of the built-in ones", () => {
    const classify = classifierFor({ questions: { lexicon: { link: ['几号车'] } } });
    expect(classify('几号车')).toEqual(['link']);
    expect(classifierFor({})('多少钱')).toEqual(['price']);
  });

  it('gives sessions with the same words one classifier, and other words another', () => {
    const a = classifierFor({ questions: { lexicon: { size: ['米数'] } } });
    expect(classifierFor({ questions: { lexicon: { size: ['米数'] } } })).toBe(a);
    expect(classifierFor({ questions: { lexicon: { size: ['码子'] } } })).not.toBe(a);
    expect(classifierFor(undefined)).toBe(classifierFor({ questions: {} }));
  });

  it('lazily: classifies alike, building on the first comment', () => {
    const lazy = lazyClassifierFor({ questions: { lexicon: { link: ['几号车'] } } });
    expect(lazy('几号车')).toEqual(['link']);
  });
});
