// The topics viewers ask about in a live room (OPERATOR-PRACTICE.md "The comment stream"); a comment that
// asks none of them is chatter. The `questions` rule's `topic` param is one of these ids (DESIGN.md §4).

export const COMMENT_TOPICS = [
  'price',
  'size',
  'link',
  'shipping',
  'stock',
  'discount',
  'giveaway',
  'quality',
  'aftersales',
] as const;
export type CommentTopic = (typeof COMMENT_TOPICS)[number];

export const isCommentTopic = (value: unknown): value is CommentTopic =>
  typeof value === 'string' && (COMMENT_TOPICS as readonly string[]).includes(value);
