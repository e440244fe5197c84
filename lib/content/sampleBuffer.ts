import type { Sample } from '../messages/sample';

// Samples the background has not acknowledged yet. They are resent after a reconnect (a stopped service
// worker drops its port), so a worker kill loses nothing; the background stores them idempotently.

export const MAX_BUFFERED_SAMPLES = 50_000;

export class SampleBuffer {
  private pending: Sample[] = [];
  /** Samples dropped because the background stayed unreachable past the cap (oldest first). */
  dropped = 0;

  push(sample: Sample): void {
    this.pending.push(sample);
    if (this.pending.length > MAX_BUFFERED_SAMPLES) {
      this.pending.splice(0, this.pending.length - MAX_BUFFERED_SAMPLES);
      this.dropped += 1;
    }
  }

  ack(upTo: number): void {
    let keepFrom = 0;
    while (keepFrom < this.pending.length && this.pending[keepFrom]!.seq <= upTo) keepFrom += 1;
    if (keepFrom > 0) this.pending.splice(0, keepFrom);
  }

  all(): Sample[] {
    return this.pending.slice();
  }

  get size(): number {
    return this.pending.length;
  }
}
