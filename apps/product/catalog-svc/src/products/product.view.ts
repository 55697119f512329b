import type { Product } from './product.entity';
import { available } from './stock.rules';

/** A product as the HTTP API shows it; `available` is what a new checkout could still get. */
export interface ProductView {
  readonly sku: string;
  readonly name: string;
  readonly unitAmount: number;
  readonly currency: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
}

export function toProductView(product: Product): ProductView {
  const { sku, name, unitAmount, currency, onHand, reserved } = product;
  return { sku, name, unitAmount, currency, onHand, reserved, available: available(product) };
}
