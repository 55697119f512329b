import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, uuid } from './checkout-fields';

export const StockReleased = defineMessage({
  type: 'StockReleased',
  kind: 'event',
  producer: 'catalog-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The catalog returned the held stock, or confirmed that nothing was held.',
  payload: z.strictObject({ checkoutId, reservationId: uuid.nullable() }),
});
export type StockReleased = PayloadOf<typeof StockReleased>;
