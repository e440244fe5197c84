import { type EndedSpot, findEnded, stillEnded } from '../endedDetector';
import type { Exclusion } from '../pageText';
import type { EndedHints } from '../siteAdapter';

// The end-of-live signal as the reader holds it: looked for over the page on the heartbeat while pending, in
// what was added meanwhile, and checked on every read. It is never sticky: when its text goes, so does the end.

export class EndedWatch {
  spot: EndedSpot | null = null;
  /** The page should be looked over on the next heartbeat. */
  pending = true;

  constructor(
    private readonly exclusion: Exclusion,
    private readonly hints: EndedHints | undefined,
  ) {}

  get ended(): boolean {
    return this.spot !== null;
  }

  /** The heartbeat's look over every root. */
  search(roots: readonly ParentNode[]): void {
    this.spot = findEnded(roots, this.exclusion, this.hints);
    this.pending = false;
  }

  /** A look into what was just added (a summary modal). */
  searchAdded(added: readonly ParentNode[]): void {
    if (this.spot) return;
    this.spot = findEnded(added, this.exclusion, this.hints);
    if (this.spot) this.pending = false;
  }

  /** The end's text is gone or no longer says so (a modal closed): look again. */
  check(): void {
    if (this.spot && !stillEnded(this.spot, this.hints)) this.reset();
  }

  /** Its text was taken off the page. */
  lost(): boolean {
    return this.spot !== null && !this.spot.text.isConnected;
  }

  reset(): void {
    this.spot = null;
    this.pending = true;
  }
}
