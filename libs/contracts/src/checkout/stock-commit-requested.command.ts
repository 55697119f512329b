import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, uuid } from './checkout-fields';

export const StockCommitRequested = defineMessage({
  type: 'StockCommitRequested',
  kind: 'command',
  producer: 'checkout-orchestrator',
  consumers: ['catalog-svc'],
  description: 'Asks the catalog to turn the reservation of a paid checkout into a sale.',
  payload: z.strictObject({ checkoutId, reservationId: uuid }),
});
export type StockCommitRequested = PayloadOf<typeof StockCommitRequested>;
