import { ApiBodyFrom, ApiErrors, validate } from '@checkout/platform';
import { Body, Controller, Param, Put } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { SetStockRequest, SkuParams } from './product.requests';
import { type ProductView, toProductView } from './product.view';
import { SetStockService } from './set-stock.service';

/**
 * Operator endpoint, on the service's internal port (the public edge never exposes /ops):
 *   PUT /ops/products/:sku/stock  { "onHand": 20 }  sets the units on the shelf;
 *   409 CATALOG.STOCK_BELOW_RESERVED if checkouts already hold more than that.
 */
@ApiTags('operator')
@Controller('ops/products')
export class ProductsOpsController {
  constructor(private readonly setStock: SetStockService) {}

  @Put(':sku/stock')
  @ApiParam({ name: 'sku', example: 'DEMO-WIDGET' })
  @ApiBodyFrom(SetStockRequest)
  @ApiErrors(400, 404, 409)
  async set(@Param() params: unknown, @Body() body: unknown): Promise<ProductView> {
    const { sku } = validate(SkuParams, params);
    const { onHand } = validate(SetStockRequest, body ?? {});
    return toProductView(await this.setStock.execute(sku, onHand));
  }
}
