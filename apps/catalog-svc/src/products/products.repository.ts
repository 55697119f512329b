import { ConcurrencyConflictError, DatabaseService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { Product } from './product.entity';
import { ProductNotFoundError, StockInvariantError } from './product.errors';
import { inSkuOrder } from './sku-order';
import type { StockedProduct, StockLevels } from './stock.rules';

/** So many units of one product, as a reservation lists them. */
export interface StockLine {
  readonly sku: string;
  readonly qty: number;
}

/**
 * Reads products and stores their stock. Writes take the caller's transaction, so a stock
 * change commits with the reservation and the reply that go with it.
 */
@Injectable()
export class ProductsRepository {
  constructor(private readonly database: DatabaseService) {}

  /** Every product, in SKU order. */
  list(): Promise<Product[]> {
    return this.reader().find(Product, { order: { sku: 'ASC' } });
  }

  async get(sku: string, tx: EntityManager = this.reader()): Promise<Product> {
    const product = await tx.findOneBy(Product, { sku });
    if (product === null) throw new ProductNotFoundError(sku);
    return product;
  }

  /** The products that exist among `skus`, by SKU; unknown SKUs are simply absent. */
  async findBySkus(tx: EntityManager, skus: readonly string[]): Promise<ReadonlyMap<string, Product>> {
    const products = await tx.findBy(Product, { sku: In([...skus]) });
    return new Map(products.map((product) => [product.sku, product]));
  }

  /**
   * Optimistic concurrency: the write only lands if the row is still at the version that was
   * read. Otherwise another transaction changed the stock in between, and deciding on what we
   * read could oversell, so the whole transaction is refused and re-run on fresh data.
   */
  async saveStock(tx: EntityManager, product: Product, next: StockLevels): Promise<Product> {
    const version = product.version + 1;
    const result = await tx.update(
      Product,
      { sku: product.sku, version: product.version },
      { onHand: next.onHand, reserved: next.reserved, version },
    );
    if (result.affected !== 1) {
      throw new ConcurrencyConflictError(`product ${product.sku} changed after version ${product.version} was read`);
    }
    return { ...product, ...next, version };
  }

  /** Applies one stock rule (release, sell) to every line of a reservation, in `tx`. */
  async changeStock(
    tx: EntityManager,
    lines: readonly StockLine[],
    change: (product: StockedProduct, qty: number) => StockLevels,
  ): Promise<void> {
    const products = await this.findBySkus(tx, lines.map((line) => line.sku));
    for (const line of inSkuOrder(lines, (each) => each.sku)) {
      const product = products.get(line.sku);
      if (product === undefined) throw new StockInvariantError(`reserved product ${line.sku} no longer exists`);
      await this.saveStock(tx, product, change(product, line.qty));
    }
  }

  private reader(): EntityManager {
    return this.database.connected().manager;
  }
}
