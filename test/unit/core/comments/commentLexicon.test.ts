import { describe, expect, it } from 'vitest';
import {
  commentLexiconSchema,
  MAX_LEXICON_WORDS,
  parseCommentLexicon,
} from '../../../../lib/core/comments/commentLexicon';

describe('comment lexicon settings', () => {
  it('accepts words per topic and words to ignore', () => {
    const lexicon = { link: ['几号车', '车车'], ignore: ['包邮哥'] };
    expect(commentLexiconSchema.parse(lexicon)).toEqual(lexicon);
    expect(parseCommentLexicon(lexicon)).toEqual({ lexicon, issues: [] });
  });

  it('drops each bad key or word with a reason, keeping the rest', () => {
    const { lexicon, issues } = parseCommentLexicon({
      size: ['  米数 ', '', '??', 42, 'x'.repeat(41), '米数', '🔗'],
      colour: ['red'],
      price: 'how much',
    });
    expect(lexicon).toEqual({ size: ['米数', '🔗'] });
    expect(issues.map((issue) => issue.path)).toEqual([
      'size.1',
      'size.2',
      'size.3',
      'size.4',
      'colour',
      'price',
    ]);
    expect(issues.find((issue) => issue.path === 'size.2')?.message).toMatch(/letter/);
  });

  it('bounds each list, and the schema refuses what the parser trims', () => {
    const many = Array.from({ length: MAX_LEXICON_WORDS + 5 }, (_, i) => `词${i}`);
    const { lexicon, issues } = parseCommentLexicon({ quality: many });
    expect(lexicon.quality).toHaveLength(MAX_LEXICON_WORDS);
    expect(issues).toHaveLength(5);
    expect(commentLexiconSchema.safeParse({ quality: many }).success).toBe(false);
    expect(commentLexiconSchema.safeParse({ colour: [] }).success).toBe(false);
  });

  it('treats nothing as no words and a non-object as an error', () => {
    expect(parseCommentLexicon(undefined)).toEqual({ lexicon: {}, issues: [] });
    expect(parseCommentLexicon(['link']).issues).toHaveLength(1);
  });
});
