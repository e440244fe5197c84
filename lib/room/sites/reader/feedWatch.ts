// A container that keeps taking rows without a single label is a feed (comments, a ticker): its next rows
// are not looked into, so a busy comment list costs the reader nothing.

/** Rows added to one container without a label before it counts as a feed. */
export const FEED_ROWS = 8;

export class FeedWatch {
  private readonly feeds = new WeakSet<Node>();
  private readonly quietRows = new WeakMap<Node, number>();

  constructor(private readonly rowsToFeed = FEED_ROWS) {}

  /** Rows added under `container` are no longer looked into. */
  isFeed(container: Node): boolean {
    return this.feeds.has(container);
  }

  /** `container` is a feed from now on (the comment reader found the page's comment list there). */
  add(container: Node): void {
    this.feeds.add(container);
  }

  /** A row was added under `container`; `labelled`: it holds a metric label (a tile, not a comment). */
  noteRow(container: Node, labelled: boolean): void {
    if (this.feeds.has(container)) return;
    if (labelled) {
      this.quietRows.delete(container);
      return;
    }
    const quiet = (this.quietRows.get(container) ?? 0) + 1;
    this.quietRows.set(container, quiet);
    if (quiet >= this.rowsToFeed) this.feeds.add(container);
  }
}
