import { expect, it } from 'vitest';
import { draftsOf, lexiconFromDrafts } from '../../../../lib/ui/options/lexiconDraft';

it('reads a word per line or between commas, drops blanks and repeats', () => {
  expect(lexiconFromDrafts({ link: '几号车\n 3号车，\n\n几号车', size: '米数, 穿几码' })).toEqual({
    lexicon: { link: ['几号车', '3号车'], size: ['米数', '穿几码'] },
    issues: [],
  });
});

it('names each word that cannot be saved, by its topic and text', () => {
  const { lexicon, issues } = lexiconFromDrafts({ price: '??\n多钱呀', ignore: '包邮哥' });
  expect(lexicon).toEqual({ price: ['多钱呀'], ignore: ['包邮哥'] });
  expect(issues).toEqual([{ path: 'price: ??', message: 'A word needs a letter, a character or an emoji' }]);
});

it('turns a stored lexicon back into one box per topic', () => {
  expect(draftsOf({ link: ['几号车', '3号车'] })).toMatchObject({
    link: '几号车\n3号车',
    size: '',
    ignore: '',
  });
});
