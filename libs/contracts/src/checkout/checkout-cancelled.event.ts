import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, reason } from './checkout-fields';

export const CheckoutCancelled = defineMessage({
  type: 'CheckoutCancelled',
  kind: 'event',
  producer: 'checkout-orchestrator',
  // The checkout's outcome for whoever integrates with the cluster; the edge learns a watched
  // checkout's from its CheckoutTransitioned, and binds no queue to these.
  consumers: [],
  description: 'The checkout ended without a sale and every step it took has been undone.',
  payload: z.strictObject({ checkoutId, reason }),
});
export type CheckoutCancelled = PayloadOf<typeof CheckoutCancelled>;
