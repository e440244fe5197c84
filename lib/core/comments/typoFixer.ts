// English typos of lexicon words, fixed before matching: two letters swapped ("waht size", "lnik") in a word of
// four letters or more, one letter missing or doubled ("shiping", "giveway", "discountt") in a word of six or
// more, a letter held down ("linkkk", "sizeee"). Substitutions are left alone: they turn real words into
// other real words (prize → price).

const isLetter = (c: number) => c >= 97 && c <= 122;
const HELD = /([a-z])\1\1/;
const RUNS = /([a-z])\1+/g;
const FOUR_LETTERS = /[a-z]{4}/;

/** `(text) => text` with each unknown Latin word that is one slip from exactly one lexicon word replaced by it. */
export function buildTypoFixer(
  lexiconWords: readonly string[],
  knownWords: ReadonlySet<string>,
): (text: string) => string {
  const slips = new Map<string, string | null>();
  const note = (slip: string, word: string) => {
    if (slip === word || knownWords.has(slip)) return;
    const seen = slips.get(slip);
    slips.set(slip, seen === undefined || seen === word ? word : null); // null: two words claim it
  };
  const words = lexiconWords.filter((w) => /^[a-z]+$/.test(w) && w.length >= 4);
  for (const word of words) {
    for (let i = 0; i + 1 < word.length; i++) {
      note(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), word);
    }
    if (word.length >= 6) {
      for (let i = 0; i < word.length; i++) note(word.slice(0, i) + word.slice(i + 1), word);
      for (let i = 0; i <= word.length; i++)
        note(word.slice(0, i) + word[Math.max(0, i - 1)] + word.slice(i), word);
    }
  }
  /** "linkkk" → "link", "pleasee" → "please": a run of a letter shortened to one or two, if that is a word. */
  const unheld = (token: string): string | undefined => {
    if (!HELD.test(token)) return undefined;
    const one = token.replace(RUNS, '$1');
    if (one.length >= 3 && knownWords.has(one)) return one;
    const two = token.replace(RUNS, '$1$1');
    return two.length >= 3 && knownWords.has(two) ? two : undefined;
  };
  if (slips.size === 0 && knownWords.size === 0) return (text) => text;

  return (text) => {
    if (!FOUR_LETTERS.test(text)) return text;
    let out: string | null = null;
    let from = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i < text.length && isLetter(text.charCodeAt(i))) continue;
      if (i - from >= 4) {
        const token = text.slice(from, i);
        const word = knownWords.has(token) ? undefined : (slips.get(token) ?? unheld(token));
        if (word) out = (out ?? text.slice(0, from)) + word;
        else if (out !== null) out += token;
      } else if (out !== null) out += text.slice(from, i);
      if (out !== null && i < text.length) out += text[i];
      from = i + 1;
    }
    return out ?? text;
  };
}
