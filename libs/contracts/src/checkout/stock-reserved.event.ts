import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import {
  checkoutId,
  currency,
  MAX_ORDER_LINES,
  minorUnits,
  quantity,
  sku,
  uniqueSkus,
  uuid,
} from './checkout-fields';

const line = z.strictObject({
  sku,
  name: z.string().min(1).max(200),
  qty: quantity,
  unitAmount: minorUnits,
});

export const StockReserved = defineMessage({
  type: 'StockReserved',
  kind: 'event',
  producer: 'catalog-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The catalog holds the requested stock and has priced the order from its own price list.',
  payload: z
    .strictObject({
      checkoutId,
      reservationId: uuid,
      lines: z.array(line).min(1).max(MAX_ORDER_LINES).superRefine(uniqueSkus),
      amount: minorUnits,
      currency,
    })
    // The catalog is the price authority; a total that disagrees with its lines is a bug there.
    .superRefine(
      (order, ctx) => {
        const total = order.lines.reduce((sum, line) => sum + line.qty * line.unitAmount, 0);
        if (order.amount === total) return;
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: `expected ${total}, the sum of qty × unitAmount over the lines`,
        });
      },
      // A total computed from malformed lines would only add a misleading second reason.
      { when: (parsed) => parsed.issues.length === 0 },
    ),
});
export type StockReserved = PayloadOf<typeof StockReserved>;
