import { Module } from '@nestjs/common';
import { ProductsHttpController } from './products.http.controller';
import { ProductsOpsController } from './products.ops.controller';
import { ProductsRepository } from './products.repository';
import { SetStockService } from './set-stock.service';

/** The price list and stock levels: their HTTP API, and the repository the stock handlers share. */
@Module({
  controllers: [ProductsHttpController, ProductsOpsController],
  providers: [ProductsRepository, SetStockService],
  exports: [ProductsRepository],
})
export class ProductsModule {}
