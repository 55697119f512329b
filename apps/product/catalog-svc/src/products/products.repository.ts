import { ConcurrencyConflictError, DatabaseService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { Product } from './product.entity';
import { ProductNotFoundError, StockInvariantError } from './product.errors';
import { inSkuOrder } from './sku-order';
import type { PricedProduct } from '../reservations/order.rules';
import type { StockLevels, StockMove } from './stock.rules';

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

  /**
   * Applies `move` to one product in a single conditional UPDATE: it lands only if the result
   * keeps the invariants (nothing negative, never more reserved than on hand), else nothing
   * changes and null is returned. Two checkouts racing for the last unit cannot both get it:
   * the second waits for the first's row lock, and Postgres re-evaluates the condition on the
   * row the first committed. No version read, no retry, however many buy the same product.
   */
  async move(tx: EntityManager, sku: string, move: StockMove): Promise<PricedProduct | null> {
    const rows: PricedProduct[] = await tx.query(
      // A CTE ending in SELECT: TypeORM returns plain rows for it (for a bare UPDATE, a tuple).
      `WITH moved AS (
         UPDATE catalog.products
         SET on_hand = on_hand + $2, reserved = reserved + $3, version = version + 1
         WHERE sku = $1 AND on_hand + $2 >= 0 AND reserved + $3 >= 0 AND reserved + $3 <= on_hand + $2
         RETURNING sku, name, unit_amount, currency, on_hand, reserved)
       SELECT sku, name, unit_amount AS "unitAmount", currency, on_hand AS "onHand", reserved FROM moved`,
      [sku, move.onHand, move.reserved],
    );
    return rows[0] ?? null;
  }

  /**
   * Applies a move (release, sale) to every line of a reservation, in `tx`; all must land. The
   * updates are sent together (one round trip) in SKU order, which is the order Postgres runs
   * them in, so rows are still locked in SKU order.
   */
  async moveAll(tx: EntityManager, lines: readonly StockLine[], moveOf: (qty: number) => StockMove): Promise<void> {
    const ordered = inSkuOrder(lines, (each) => each.sku);
    const moved = await Promise.all(ordered.map((line) => this.move(tx, line.sku, moveOf(line.qty))));
    const missed = ordered.find((_, i) => moved[i] === null);
    if (missed) throw new StockInvariantError(`cannot apply ${JSON.stringify(moveOf(missed.qty))} to ${missed.sku}: missing, or too little held`);
  }

  private reader(): EntityManager {
    return this.database.dataSource.manager;
  }
}
