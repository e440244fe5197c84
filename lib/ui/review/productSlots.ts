import type { SampleRow } from '../../store/rows';

export interface ProductSlot {
  /** Epoch ms of the first and last sample that showed the product. */
  from: number;
  to: number;
  productId?: string;
  name: string;
}

const sameProduct = (slot: ProductSlot, product: { id?: string; name: string }) =>
  slot.productId !== undefined && product.id !== undefined
    ? slot.productId === product.id
    : slot.name === product.name;

/**
 * Runs of consecutive samples showing the same product (by id when both have one, else by name).
 * A sample without a product, or a gap longer than `maxGapMs`, closes the run.
 */
export function productSlots(samples: readonly SampleRow[], maxGapMs = 60_000): ProductSlot[] {
  const slots: ProductSlot[] = [];
  let open: ProductSlot | null = null;
  for (const sample of samples) {
    const product = sample.product;
    if (!product?.name) {
      open = null;
      continue;
    }
    if (open && sameProduct(open, product) && sample.ts - open.to <= maxGapMs) {
      open.to = sample.ts;
      continue;
    }
    open = {
      from: sample.ts,
      to: sample.ts,
      name: product.name,
      ...(product.id ? { productId: product.id } : {}),
    };
    slots.push(open);
  }
  return slots;
}
