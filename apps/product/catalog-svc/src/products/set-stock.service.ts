import { DatabaseService, retryOnConflict } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { Product } from './product.entity';
import { ProductsRepository } from './products.repository';
import { restock } from './stock.rules';

/** An operator sets how many units are on the shelf (tests and the chaos page use it). */
@Injectable()
export class SetStockService {
  constructor(
    private readonly database: DatabaseService,
    private readonly products: ProductsRepository,
  ) {}

  /**
   * "There are N on the shelf" stays true whatever a checkout reserved meanwhile, so a lost
   * optimistic-concurrency race is simply re-run; the reserved count is re-read each time.
   */
  execute(sku: string, onHand: number): Promise<Product> {
    return retryOnConflict(() =>
      this.database.dataSource.transaction(async (tx) => {
        const product = await this.products.get(sku, tx);
        return this.products.saveStock(tx, product, restock(product, onHand));
      }),
    );
  }
}
