// Every lexicon phrase found in one pass over a comment (Aho–Corasick): the cost per comment is its length,
// whatever the lexicon's size, which is what keeps classification far above 200k comments/s.

/** Matches of one scan, in reused arrays (no allocation per match): match i ends at `ends[i]`. */
export interface TermMatches {
  count: number;
  ends: Int32Array;
  /** Index of the phrase in the list the automaton was built from. */
  terms: Int32Array;
}

export interface TermAutomaton {
  /** Every occurrence of every phrase in `text` (overlaps included), in the order they end. */
  scan(text: string): TermMatches;
  /** Length of phrase `term`. */
  length(term: number): number;
}

export function buildTermAutomaton(phrases: readonly string[]): TermAutomaton {
  // Transitions of every node in one map keyed by node × 2¹⁶ + UTF-16 unit (small integers: V8's fast path).
  const next = new Map<number, number>();
  const children: number[][] = [[]];
  const ends: number[][] = [[]];
  const key = (node: number, c: number) => node * 65536 + c;
  phrases.forEach((phrase, index) => {
    if (phrase.length === 0) return;
    let node = 0;
    for (let i = 0; i < phrase.length; i++) {
      const c = phrase.charCodeAt(i);
      let child = next.get(key(node, c));
      if (child === undefined) {
        child = ends.length;
        ends.push([]);
        children.push([]);
        next.set(key(node, c), child);
        children[node]!.push(c);
      }
      node = child;
    }
    ends[node]!.push(index);
  });

  // Breadth-first failure links; each node's outputs include those of its failure chain.
  const fail = new Int32Array(ends.length);
  const queue: number[] = children[0]!.map((c) => next.get(key(0, c))!);
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const c of children[node]!) {
      const child = next.get(key(node, c))!;
      let f = fail[node]!;
      while (f !== 0 && !next.has(key(f, c))) f = fail[f]!;
      const target = next.get(key(f, c));
      fail[child] = target !== undefined && target !== child ? target : 0;
      ends[child] = ends[child]!.concat(ends[fail[child]!]!);
      queue.push(child);
    }
  }
  const lengths = phrases.map((phrase) => phrase.length);
  // The root's transitions as a table: most characters of a comment start no phrase or start one here.
  const fromRoot = new Int32Array(0x10000);
  for (const c of children[0]!) fromRoot[c] = next.get(key(0, c))!;

  const matches: TermMatches = { count: 0, ends: new Int32Array(64), terms: new Int32Array(64) };
  const push = (end: number, term: number) => {
    if (matches.count === matches.ends.length) {
      const ends = new Int32Array(matches.count * 2);
      const terms = new Int32Array(matches.count * 2);
      ends.set(matches.ends);
      terms.set(matches.terms);
      matches.ends = ends;
      matches.terms = terms;
    }
    matches.ends[matches.count] = end;
    matches.terms[matches.count++] = term;
  };

  return {
    length: (term) => lengths[term]!,
    scan(text) {
      matches.count = 0;
      let node = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let child = node === 0 ? fromRoot[c] || undefined : next.get(node * 65536 + c);
        while (child === undefined && node !== 0) {
          node = fail[node]!;
          child = node === 0 ? fromRoot[c] || undefined : next.get(node * 65536 + c);
        }
        node = child ?? 0;
        const found = ends[node]!;
        for (let k = 0; k < found.length; k++) push(i + 1, found[k]!);
      }
      return matches;
    },
  };
}
