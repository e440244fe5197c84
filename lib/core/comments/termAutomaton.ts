// Every lexicon phrase found in one pass over a comment (Aho–Corasick): the cost per comment is its length,
// whatever the lexicon's size, which is what keeps classification far above 200k comments/s.

export interface TermHit {
  start: number;
  end: number;
  /** Index of the phrase in the list the automaton was built from. */
  term: number;
}

export interface TermAutomaton {
  /** Appends every occurrence of every phrase in `text` to `into` (overlaps included). */
  scan(text: string, into: TermHit[]): void;
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

  return {
    scan(text, into) {
      let node = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let child = next.get(node * 65536 + c);
        while (child === undefined && node !== 0) {
          node = fail[node]!;
          child = next.get(node * 65536 + c);
        }
        node = child ?? 0;
        const found = ends[node]!;
        for (let k = 0; k < found.length; k++) {
          const term = found[k]!;
          into.push({ start: i + 1 - lengths[term]!, end: i + 1, term });
        }
      }
    },
  };
}
