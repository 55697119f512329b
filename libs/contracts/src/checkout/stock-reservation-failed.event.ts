import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, sku } from './checkout-fields';

export const StockReservationFailed = defineMessage({
  type: 'StockReservationFailed',
  kind: 'event',
  producer: 'catalog-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The catalog could not hold the stock, so nothing was reserved and the checkout cannot proceed.',
  payload: z.strictObject({
    checkoutId,
    reason: z.enum(['OUT_OF_STOCK', 'UNKNOWN_SKU']),
    /** The first SKU that could not be reserved, when one is to blame. */
    sku: sku.nullable(),
  }),
});
export type StockReservationFailed = PayloadOf<typeof StockReservationFailed>;
