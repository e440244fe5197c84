// A first-in first-out queue of (time, key) pairs that knows how many distinct keys it holds: the
// sliding-window bookkeeping behind "distinct askers in the last N seconds". Adding and expiring are O(1) amortised and the
// memory is bounded by `capacity` (the oldest entries go first when it is full).

export class TimedKeys {
  private times: Float64Array;
  private keys: string[];
  private head = 0;
  private size = 0;
  /** Entries ever dropped: the queue position of the oldest entry, counted from the first add. */
  private dropped = 0;
  /** Each key in the window → the queue position of its newest entry. */
  private readonly newest = new Map<string, number>();

  constructor(private readonly capacity: number) {
    this.times = new Float64Array(Math.min(capacity, 64));
    this.keys = new Array<string>(this.times.length);
  }

  get length(): number {
    return this.size;
  }

  /** Time of the oldest entry, or undefined when empty. */
  get oldest(): number | undefined {
    return this.size > 0 ? this.times[this.head] : undefined;
  }

  /** Distinct keys in the window. */
  get distinct(): number {
    return this.newest.size;
  }

  add(ts: number, key: string): void {
    if (this.size === this.capacity) this.dropOldest();
    if (this.size === this.times.length) this.grow();
    const at = (this.head + this.size) % this.times.length;
    this.times[at] = ts;
    this.keys[at] = key;
    this.newest.set(key, this.dropped + this.size);
    this.size++;
  }

  /** Forgets every entry at or before `ts`. */
  expire(ts: number): void {
    while (this.size > 0 && this.times[this.head]! <= ts) this.dropOldest();
  }

  has(key: string): boolean {
    return this.newest.has(key);
  }

  clear(): void {
    this.dropped += this.size;
    this.head = 0;
    this.size = 0;
    this.newest.clear();
  }

  private dropOldest(): void {
    const key = this.keys[this.head]!;
    this.keys[this.head] = '';
    this.head = (this.head + 1) % this.times.length;
    this.size--;
    if (this.newest.get(key) === this.dropped) this.newest.delete(key);
    this.dropped++;
  }

  private grow(): void {
    const length = Math.min(this.capacity, this.times.length * 2);
    const times = new Float64Array(length);
    const keys = new Array<string>(length);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) % this.times.length;
      times[i] = this.times[from]!;
      keys[i] = this.keys[from]!;
    }
    this.times = times;
    this.keys = keys;
    this.head = 0;
  }
}
