import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, reason } from './checkout-fields';

export const CheckoutFailed = defineMessage({
  type: 'CheckoutFailed',
  kind: 'event',
  producer: 'checkout-orchestrator',
  // The checkout's outcome for whoever integrates with the cluster; the edge learns a watched
  // checkout's from its CheckoutTransitioned, and binds no queue to these.
  consumers: [],
  description: 'A compensation step kept failing after its retries, so the checkout needs an operator.',
  payload: z.strictObject({ checkoutId, reason }),
});
export type CheckoutFailed = PayloadOf<typeof CheckoutFailed>;
