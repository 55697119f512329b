import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, currency, minorUnits } from './checkout-fields';

export const CheckoutCompleted = defineMessage({
  type: 'CheckoutCompleted',
  kind: 'event',
  producer: 'checkout-orchestrator',
  // The checkout's outcome for whoever integrates with the cluster; the edge learns a watched
  // checkout's from its CheckoutTransitioned, and binds no queue to these.
  consumers: [],
  description: 'The checkout succeeded: the customer paid and the stock is theirs.',
  payload: z.strictObject({ checkoutId, amount: minorUnits, currency }),
});
export type CheckoutCompleted = PayloadOf<typeof CheckoutCompleted>;
