import { describe, expect, it } from 'vitest';
import { classifyComment, createCommentClassifier } from '../../../../lib/core/comments/classifyComment';

// Comments as viewers type them: Cantonese and traditional characters, pinyin initials, input-method slips,
// English shorthand; and statements that hold a topic word but ask nothing.

const topics = (text: string) => [...classifyComment(text)].sort();

describe('more of the ways viewers write', () => {
  it.each([
    ['幾錢', ['price']],
    ['呢件幾錢呀', ['price']],
    ['仲有冇貨', ['stock']],
    ['幾時發貨', ['shipping']],
    // The A-not-A question, Cantonese 唔 as Mandarin 不.
    ['發貨快唔快', ['shipping']],
    ['包唔包郵', ['shipping']],
    ['掉唔掉色', ['quality']],
    ['有冇優惠', ['discount']],
  ])('Cantonese and traditional: %s', (text, expected) => expect(topics(text)).toEqual(expected));

  it.each([
    ['jg', ['price']],
    ['jg多少', ['price']],
    ['lj', ['link']],
    ['求lj', ['link']],
    ['yh', ['discount']],
    ['有yhq吗', ['discount']],
    ['kd是什么', ['shipping']],
    ['tk多久到', ['aftersales']],
  ])('pinyin initials: %s', (text, expected) => expect(topics(text)).toEqual(expected));

  it.each([
    ['158/95', ['size']],
    ['155 100斤?', ['size']],
    ['165/55kg', ['size']],
  ])('bare body numbers: %s', (text, expected) => expect(topics(text)).toEqual(expected));

  it.each([
    ['练接', ['link']],
    ['优会卷', ['discount']],
    ['优会券有吗', ['discount']],
    ['尺玛表', ['size']],
    ['hw much', ['price']],
    ['sz chart', ['size']],
    ['sz chart pls', ['size']],
    ['lnk pls', ['link']],
  ])('slips and shorthand: %s', (text, expected) => expect(topics(text)).toEqual(expected));

  it.each([
    'how much I love this',
    'how much we laughed today',
    'what I love is the price',
    'price is right lol',
    '价格真的很香',
    '这价格太香了',
  ])('a statement with a topic word asks nothing: %s', (text) => expect(topics(text)).toEqual([]));

  it('still hears the question when the verb comes first', () => {
    expect(topics('how much is it')).toEqual(['price']);
    expect(topics('how much do I pay')).toEqual(['price']);
    expect(topics('what size am I')).toEqual(['size']);
  });

  it('lets the operator’s own word beat a homophone slip of a default one', () => {
    // 会员 (membership) is the operator's discount word; no slip of another word takes it.
    const classify = createCommentClassifier({ discount: ['会员'] });
    expect([...classify('会员有吗')]).toEqual(['discount']);
  });
});
