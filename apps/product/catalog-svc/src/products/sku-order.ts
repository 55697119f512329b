/**
 * Products are always written in SKU order. Two transactions that touch the same products
 * then take their row locks in the same order, so they can conflict but never deadlock.
 */
export function inSkuOrder<T>(items: readonly T[], skuOf: (item: T) => string): T[] {
  return [...items].sort((a, b) => (skuOf(a) < skuOf(b) ? -1 : skuOf(a) > skuOf(b) ? 1 : 0));
}
