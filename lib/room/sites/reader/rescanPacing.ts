// While some metric is missing, the heartbeat looks for late shadow roots (a custom element upgraded late),
// backing off: the wait doubles after each look that finds nothing new, and starts over when one does.

export class RescanPacing {
  private waitMs: number;
  private nextAt = 0;

  constructor(
    private readonly firstMs: number,
    private readonly maxMs: number,
  ) {
    this.waitMs = firstMs;
  }

  /** It is time for another look. */
  due(now: number): boolean {
    return now >= this.nextAt;
  }

  /** A look happened at `now`; `foundNew`: it found something, so the next comes soon again. */
  looked(now: number, foundNew: boolean): void {
    this.waitMs = foundNew ? this.firstMs : Math.min(this.maxMs, this.waitMs * 2);
    this.nextAt = now + this.waitMs;
  }

  /** The first look at the page is done at `now`: the next waits the current interval. */
  scanned(now: number): void {
    this.nextAt = now + this.waitMs;
  }

  reset(): void {
    this.waitMs = this.firstMs;
  }
}
