import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyComment, createCommentClassifier } from '../../../../lib/core/comments/classifyComment';
import { COMMENT_TOPICS, type CommentTopic } from '../../../../lib/core/comments/commentTopics';

const topicsOf = (text: string) => [...classifyComment(text)];

describe('classifyComment', () => {
  it.each<[string, CommentTopic[]]>([
    ['这个多少钱', ['price']],
    ['怎么卖', ['price']],
    ['how much??', ['price']],
    ['多少钱💰', ['price']],
    ['身高165体重120斤穿什么码', ['size']],
    ['165/120斤', ['size']],
    ['what size should i get', ['size']],
    ['几号链接', ['link']],
    ['3号', ['link']],
    ['link pls', ['link']],
    ['什么时候发货', ['shipping']],
    ['do you ship to canada', ['shipping']],
    ['还有货吗', ['stock']],
    ['sold out?', ['stock']],
    ['有优惠券吗', ['discount']],
    ['any discount code?', ['discount']],
    ['福袋什么时候开', ['giveaway']],
    ['when is the giveaway', ['giveaway']],
    ['会起球吗', ['quality']],
    ['is it 100% cotton?', ['quality']],
    ['七天无理由吗', ['aftersales']],
    ['return policy?', ['aftersales']],
  ])('%s → %j', (text, topics) => {
    expect(topicsOf(text)).toEqual(topics);
  });

  it('calls cheers, greetings, emoji, praise and purchase reports chatter', () => {
    for (const text of [
      '666',
      '扣1',
      '来了',
      '好看',
      '❤️❤️❤️',
      '哈哈哈',
      '已拍',
      '已拍3号',
      'love it',
      'hi from texas',
    ])
      expect(topicsOf(text), text).toEqual([]);
  });

  it('tells statements with topic words from questions about them', () => {
    expect(topicsOf('质量很好 回购了')).toEqual([]);
    expect(topicsOf('质量怎么样')).toEqual(['quality']);
    expect(topicsOf('发货很快')).toEqual([]);
    expect(topicsOf('发货快吗')).toEqual(['shipping']);
    expect(topicsOf('shipping was fast')).toEqual([]);
    expect(topicsOf('is shipping free')).toEqual(['shipping']);
    expect(topicsOf("i'm 5'4 and it fits great")).toEqual([]);
    expect(topicsOf("I'm 5'2 120 lbs what size")).toEqual(['size']);
  });

  it('does not take questions about the streamer or the stream for topics', () => {
    for (const text of [
      '主播多大了',
      '几点下播',
      '背景音乐叫什么',
      'what song is this',
      'how old are you',
      '在吗',
    ])
      expect(topicsOf(text), text).toEqual([]);
    // …except the streamer's height and size, which viewers ask to judge the fit.
    expect(topicsOf('主播身高多少')).toEqual(['size']);
  });

  it('ignores words that only contain a topic character (码 in 二维码, 换 in 换衣服)', () => {
    expect(topicsOf('二维码扫不了')).toEqual([]);
    expect(topicsOf('起码')).toEqual([]);
    expect(topicsOf('主播换衣服了')).toEqual([]);
    expect(topicsOf('什么码')).toEqual(['size']);
  });

  it('is robust to fullwidth letters, spacing, traditional characters, emoji and typos', () => {
    expect(topicsOf('ＨＯＷ　ＭＵＣＨ？')).toEqual(['price']);
    expect(topicsOf('  多 少 钱  ')).toEqual([]); // spaced out character by character is not a phrase…
    expect(topicsOf('多少錢')).toEqual(['price']); // …but traditional characters are the same words
    expect(topicsOf('多少钱？？？😂😂')).toEqual(['price']);
    expect(topicsOf('👍🏻尺码表👍🏻')).toEqual(['size']);
    expect(topicsOf('waht size')).toEqual(['size']);
    expect(topicsOf('free shiping?')).toEqual(['shipping']);
    expect(topicsOf('linkkk')).toEqual(['link']);
    expect(topicsOf('优惠卷在哪')).toEqual(['discount']);
  });

  it('reads numbers: body stats ask a size, a product number names the link, an amount the price', () => {
    expect(topicsOf('160 100')).toEqual(['size']);
    expect(topicsOf("5'6 150lbs?")).toEqual(['size']);
    expect(topicsOf('120斤穿L还是XL')).toEqual(['size']);
    expect(topicsOf('#4?')).toEqual(['link']);
    expect(topicsOf('3号多少钱')).toEqual(['price']);
    expect(topicsOf('is it $19?')).toEqual(['price']);
    expect(topicsOf('199吗？')).toEqual(['price']);
    expect(topicsOf('$19')).toEqual([]);
    expect(topicsOf('11111')).toEqual([]);
  });

  it('gives every topic a comment asks, in the order asked', () => {
    expect(topicsOf('多少钱 包邮吗')).toEqual(['price', 'shipping']);
    expect(topicsOf('多少钱包邮吗')).toEqual(['price', 'shipping']);
    expect(topicsOf('price and shipping?')).toEqual(['price', 'shipping']);
    expect(topicsOf('how much and do you ship to canada')).toEqual(['price', 'shipping']);
    expect(topicsOf('3号多少钱 有黑色吗')).toEqual(['price', 'stock']);
  });

  it('hands a question to the word it is about', () => {
    expect(topicsOf('运费多少钱')).toEqual(['shipping']);
    expect(topicsOf('how much is shipping')).toEqual(['shipping']);
    expect(topicsOf('福袋还有吗')).toEqual(['giveaway']);
    expect(topicsOf('还有L码吗')).toEqual(['stock']);
    expect(topicsOf('有大码吗')).toEqual(['size']);
    expect(topicsOf('什么时候发福袋')).toEqual(['giveaway']);
    expect(topicsOf('退款多久到')).toEqual(['aftersales']);
    expect(topicsOf('收到破损怎么办')).toEqual(['aftersales']);
  });

  it("merges the operator's own words over the defaults", () => {
    const classify = createCommentClassifier({ link: ['几号车'], size: ['米数'], ignore: ['包邮哥'] });
    expect([...classify('几号车')]).toEqual(['link']);
    expect([...classify('米数呢')]).toEqual(['size']);
    expect([...classify('包邮哥来了')]).toEqual([]);
    expect([...classify('包邮吗')]).toEqual(['shipping']);
    // A word with a question word in it asks by itself; a bare word needs a question word or to stand alone.
    const own = createCommentClassifier({ quality: ['克重', '支持定制吗'] });
    expect([...own('支持定制吗')]).toEqual(['quality']);
    expect([...own('克重多少')]).toEqual(['quality']);
    expect([...own('克重很足')]).toEqual([]);
    expect([...classifyComment('支持定制吗')]).toEqual([]);
  });

  it('never throws, always gives known topics once each, and gives the same answer every time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const first = topicsOf(text);
        expect(topicsOf(text)).toEqual(first);
        expect(new Set(first).size).toBe(first.length);
        for (const topic of first) expect(COMMENT_TOPICS).toContain(topic);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('keeps its accuracy on the labelled comments (floors well under what the bench reports)', () => {
    const exact = (file: string) => {
      const rows = JSON.parse(
        readFileSync(resolve(process.cwd(), 'test/fixtures/comments', file), 'utf8'),
      ) as { text: string; topics: string[] }[];
      const right = rows.filter((r) => [...topicsOf(r.text)].sort().join() === [...r.topics].sort().join());
      return right.length / rows.length;
    };
    expect(exact('labelled-tune.json')).toBeGreaterThan(0.95);
    expect(exact('labelled-holdout.json')).toBeGreaterThan(0.85);
  });
});
