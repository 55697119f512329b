import { SKU_PATTERN } from '@checkout/contracts';
import { z } from 'zod';

/** The largest value a Postgres integer column holds; beyond it the database would refuse. */
const MAX_STOCK = 2_147_483_647;

export const SkuParams = z.strictObject({
  sku: z.string().regex(SKU_PATTERN, { error: 'expected a SKU of 2-32 upper-case letters, digits or hyphens' }),
});

const STOCK_LEVEL = `expected a whole number from 0 to ${MAX_STOCK}`;

/** `PUT /ops/products/:sku/stock`: how many units are on the shelf now. */
export const SetStockRequest = z.strictObject({
  onHand: z.int({ error: STOCK_LEVEL }).min(0, { error: STOCK_LEVEL }).max(MAX_STOCK, { error: STOCK_LEVEL }),
});
