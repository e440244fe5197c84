import type { ProductRecord } from '../products/productBook';
import type { RoomStats } from './roomStats';

// Shared by the per-product rules: which product the room is explaining, and how a cue names a product.

/**
 * The product on screen: the one the product table says is pinned / explained, else (a page that shows
 * which product is up but not a pin state) the table's row of the sample's product id.
 */
export function productOnScreen(room: RoomStats): ProductRecord | undefined {
  const book = room.products;
  if (book.pinKnown) return book.pinned;
  const id = room.product?.id;
  return id === undefined ? undefined : book.get(id);
}

/** A cue's key for a product: its id, within the 100 characters a stored cue key may hold. */
export const productKey = (product: ProductRecord) => product.id.slice(0, 100);

/** The params every product cue carries: the name it says and the id the faces find the product by. */
export const productParams = (product: ProductRecord) => ({ product: product.name, productId: product.id });
