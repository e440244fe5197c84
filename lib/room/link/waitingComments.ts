import type { RoomComment } from '../../core/comments/roomComment';

// Comments read off the page that wait for readings with numbers to carry them: a queue in reading order,
// bounded in bytes (as JSON), so a flood waits whole while memory stays bounded. Past the bound the oldest
// give way and push() says how many, for the link's health: never a silent loss.

export class WaitingComments {
  private queue: RoomComment[] = [];
  private sizes: number[] = [];
  private head = 0;
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Adds one; returns how many of the oldest were given up to stay within the bound. */
  push(comment: RoomComment): number {
    const size = 24 + comment.user.length * 2 + comment.text.length * 2;
    this.queue.push(comment);
    this.sizes.push(size);
    this.bytes += size;
    let dropped = 0;
    while (this.bytes > this.maxBytes && this.size > 1) {
      this.bytes -= this.sizes[this.head]!;
      this.head += 1;
      dropped += 1;
    }
    this.compact();
    return dropped;
  }

  /** The oldest `count`, in order, out of the queue. */
  take(count: number): RoomComment[] {
    const end = Math.min(this.queue.length, this.head + count);
    const out = this.queue.slice(this.head, end);
    for (let i = this.head; i < end; i++) this.bytes -= this.sizes[i]!;
    this.head = end;
    this.compact();
    return out;
  }

  get size(): number {
    return this.queue.length - this.head;
  }

  /** Drops the taken front once it is most of the arrays, so memory follows what waits. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }
}
