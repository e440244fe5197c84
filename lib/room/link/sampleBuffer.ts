import type { Sample } from '../../core/messages/sample';

// Samples the background has not acknowledged yet. They are resent after a reconnect (a stopped service
// worker drops its port), so a worker kill loses nothing; the background stores them idempotently.

export const MAX_BUFFERED_SAMPLES = 50_000;

export class SampleBuffer {
  private pending: Sample[] = [];

  /** Past the cap (about 14 hours at 1 Hz with no worker at all) the oldest sample gives way. */
  push(sample: Sample): void {
    this.pending.push(sample);
    if (this.pending.length > MAX_BUFFERED_SAMPLES)
      this.pending.splice(0, this.pending.length - MAX_BUFFERED_SAMPLES);
  }

  ack(upTo: number): void {
    let keepFrom = 0;
    while (keepFrom < this.pending.length && this.pending[keepFrom]!.seq <= upTo) keepFrom += 1;
    if (keepFrom > 0) this.pending.splice(0, keepFrom);
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
}
