import type { Sample } from '../../core/messages/sample';

// Samples the background has not acknowledged yet. They are resent after a reconnect (a stopped service
// worker drops its port), so a worker kill loses nothing; the background stores them idempotently. The
// backlog is capped in bytes as well as in count: a page whose worker never answers must not grow the
// content script's memory without bound.

export const MAX_BUFFERED_SAMPLES = 50_000;
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export class SampleBuffer {
  private pending: Sample[] = [];
  private sizes: number[] = [];
  private total = 0;

  constructor(
    private readonly maxSamples = MAX_BUFFERED_SAMPLES,
    private readonly maxBytes = MAX_BUFFERED_BYTES,
  ) {}

  /** Past either cap (about 14 hours at 1 Hz with no worker at all) the oldest samples give way. */
  push(sample: Sample): void {
    const bytes = JSON.stringify(sample).length;
    this.pending.push(sample);
    this.sizes.push(bytes);
    this.total += bytes;
    let drop = 0;
    while (
      drop < this.pending.length - 1 &&
      (this.pending.length - drop > this.maxSamples || this.total > this.maxBytes)
    ) {
      this.total -= this.sizes[drop]!;
      drop += 1;
    }
    if (drop > 0) this.remove(drop);
  }

  ack(upTo: number): void {
    let keepFrom = 0;
    while (keepFrom < this.pending.length && this.pending[keepFrom]!.seq <= upTo) {
      this.total -= this.sizes[keepFrom]!;
      keepFrom += 1;
    }
    if (keepFrom > 0) this.remove(keepFrom);
  }

  private remove(count: number): void {
    this.pending.splice(0, count);
    this.sizes.splice(0, count);
  }

  /** The unacknowledged samples in order, `size` at a time (one port message each). */
  chunks(size: number): Sample[][] {
    const out: Sample[][] = [];
    for (let i = 0; i < this.pending.length; i += size) out.push(this.pending.slice(i, i + size));
    return out;
  }

  get size(): number {
    return this.pending.length;
  }

  /** Bytes held, as JSON. */
  get bytes(): number {
    return this.total;
  }
}
