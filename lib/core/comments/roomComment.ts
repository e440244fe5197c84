// A comment as the content script reads it off a room's comment list (DESIGN.md §1: Comment batches
// {user, text, ts}). Plain data: the room builds it, the background validates it before it is stored.

export interface RoomComment {
  /** The commenter's name as shown ('' when the row shows none). */
  user: string;
  /** The comment's text as shown, emoji kept, whitespace collapsed. */
  text: string;
  /** Epoch ms when the reader first saw the row. */
  ts: number;
}
