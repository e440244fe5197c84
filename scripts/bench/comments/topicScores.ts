import { COMMENT_TOPICS, type CommentTopic } from '../../../lib/core/comments/commentTopics';

// Precision and recall per topic of a classifier on labelled comments (test/fixtures/comments), a comment
// being able to ask several topics: per topic, a true positive is a comment labelled with it and given it.
// Chatter (no topic) is scored the same way, as its own class.

export interface LabelledComment {
  text: string;
  topics: string[];
}

export interface TopicScore {
  topic: CommentTopic | 'chatter';
  /** Comments labelled with it. */
  support: number;
  precision: number;
  recall: number;
}

export interface SetScore {
  comments: number;
  /** Share of comments given exactly their labelled topics. */
  exact: number;
  topics: TopicScore[];
  /** Comments given other topics than their labels, for reading. */
  misses: { text: string; want: string[]; got: string[] }[];
}

export function scoreTopics(
  rows: readonly LabelledComment[],
  classify: (text: string) => readonly string[],
): SetScore {
  const classes = [...COMMENT_TOPICS, 'chatter'] as const;
  const counts = new Map(classes.map((c) => [c, { tp: 0, fp: 0, fn: 0 }]));
  const misses: SetScore['misses'] = [];
  let exact = 0;
  for (const row of rows) {
    const got = new Set(classify(row.text));
    const want = new Set(row.topics);
    if (got.size === 0) got.add('chatter');
    if (want.size === 0) want.add('chatter');
    const same = got.size === want.size && [...got].every((t) => want.has(t));
    if (same) exact++;
    else misses.push({ text: row.text, want: [...want], got: [...got] });
    for (const c of classes) {
      const count = counts.get(c)!;
      if (got.has(c) && want.has(c)) count.tp++;
      else if (got.has(c)) count.fp++;
      else if (want.has(c)) count.fn++;
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    comments: rows.length,
    exact: ratio(exact, rows.length),
    topics: classes.map((topic) => {
      const { tp, fp, fn } = counts.get(topic)!;
      return { topic, support: tp + fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
    }),
    misses,
  };
}
