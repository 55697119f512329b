import { ApiErrors, validate } from '@checkout/platform';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { SkuParams } from './product.requests';
import { type ProductView, toProductView } from './product.view';
import { ProductsRepository } from './products.repository';

/**
 *   GET /api/products         every product with its price and stock, in SKU order
 *   GET /api/products/:sku    one product; 404 CATALOG.PRODUCT_NOT_FOUND, 400 for a malformed SKU
 */
@ApiTags('products')
@Controller('api/products')
export class ProductsHttpController {
  constructor(private readonly products: ProductsRepository) {}

  @Get()
  async list(): Promise<ProductView[]> {
    return (await this.products.list()).map(toProductView);
  }

  @Get(':sku')
  @ApiParam({ name: 'sku', example: 'DEMO-WIDGET' })
  @ApiErrors(400, 404)
  async get(@Param() params: unknown): Promise<ProductView> {
    const { sku } = validate(SkuParams, params);
    return toProductView(await this.products.get(sku));
  }
}
