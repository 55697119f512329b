import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, uuid } from './checkout-fields';

/**
 * Retired (docs/decisions/0051): the catalog no longer confirms a sale, which cannot fail once
 * the stock is held, and the saga ends Completed with the payment. The orchestrator still
 * accepts one that an earlier version left queued, and ignores it, rather than dead-lettering it.
 */
export const StockCommitted = defineMessage({
  type: 'StockCommitted',
  kind: 'event',
  producer: 'catalog-svc',
  consumers: ['checkout-orchestrator'],
  description: 'Retired: sent by earlier versions when the catalog turned a reservation into a sale. No longer sent; still accepted and ignored.',
  payload: z.strictObject({ checkoutId, reservationId: uuid }),
});
export type StockCommitted = PayloadOf<typeof StockCommitted>;
