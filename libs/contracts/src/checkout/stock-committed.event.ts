import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, uuid } from './checkout-fields';

export const StockCommitted = defineMessage({
  type: 'StockCommitted',
  kind: 'event',
  producer: 'catalog-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The catalog turned the reservation into a sale; the stock is gone for good.',
  payload: z.strictObject({ checkoutId, reservationId: uuid }),
});
export type StockCommitted = PayloadOf<typeof StockCommitted>;
