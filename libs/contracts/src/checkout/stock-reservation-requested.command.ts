import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, MAX_ORDER_LINES, quantity, sku, uniqueSkus } from './checkout-fields';

export const StockReservationRequested = defineMessage({
  type: 'StockReservationRequested',
  kind: 'command',
  producer: 'checkout-orchestrator',
  consumers: ['catalog-svc'],
  description: 'Asks the catalog to hold stock for every line of a checkout until it is committed or released.',
  payload: z.strictObject({
    checkoutId,
    items: z
      .array(z.strictObject({ sku, qty: quantity }))
      .min(1)
      .max(MAX_ORDER_LINES)
      .superRefine(uniqueSkus),
  }),
});
export type StockReservationRequested = PayloadOf<typeof StockReservationRequested>;
