import type { Product } from '../../../core/messages/sample';
import { locateProduct, type ProductSpot, readProduct, spotStillActive } from '../productReader';
import type { ProductHints } from '../siteAdapter';

// The explained product as the reader holds it: its row found over the page while pending or in what was
// added, dropped when its explain button changes state, and read again only when the row's text changed.

export class ProductWatch {
  spot: ProductSpot | null = null;
  /** The page should be looked over on the next heartbeat. */
  pending = true;
  private text: string | null = null;
  private product: Product | null = null;

  constructor(private readonly hints: ProductHints | undefined) {}

  /** The heartbeat's look over every root. */
  search(roots: readonly ParentNode[]): void {
    this.spot = locateProduct(roots, this.hints);
    this.text = null;
    this.pending = false;
  }

  /** A look into what was just added (a new explain button). */
  searchAdded(added: readonly ParentNode[]): void {
    if (this.spot) return;
    this.spot = locateProduct(added, this.hints);
    if (this.spot) this.pending = false;
  }

  /** The row stopped being the explained one: look again. */
  check(): void {
    if (this.spot && !spotStillActive(this.spot, this.hints)) {
      this.spot = null;
      this.pending = true;
    }
  }

  /** Its explain button was taken off the page. */
  lost(): boolean {
    return this.spot !== null && !this.spot.marker.isConnected;
  }

  /** The product on show, parsed again only when its row's text changed. */
  read(): Product | null {
    if (!this.spot) return null;
    const text = this.spot.item.textContent ?? '';
    if (text !== this.text) {
      this.text = text;
      this.product = readProduct(this.spot.item, this.hints);
    }
    return this.product;
  }

  reset(): void {
    this.spot = null;
    this.pending = true;
  }
}
