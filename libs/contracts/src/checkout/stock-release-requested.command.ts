import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, reason, uuid } from './checkout-fields';

export const StockReleaseRequested = defineMessage({
  type: 'StockReleaseRequested',
  kind: 'command',
  producer: 'checkout-orchestrator',
  consumers: ['catalog-svc'],
  description: 'Compensation: asks the catalog to give back the stock it holds for a checkout that will not complete.',
  payload: z.strictObject({
    checkoutId,
    /**
     * Null when the saga never learnt the reservation id (it gave up before StockReserved
     * arrived); the catalog then releases whatever it holds for the checkout.
     */
    reservationId: uuid.nullable(),
    reason,
  }),
});
export type StockReleaseRequested = PayloadOf<typeof StockReleaseRequested>;
