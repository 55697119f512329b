import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, reason } from './checkout-fields';

export const CheckoutCancelled = defineMessage({
  type: 'CheckoutCancelled',
  kind: 'event',
  producer: 'checkout-orchestrator',
  consumers: ['bff-web'],
  description: 'The checkout ended without a sale and every step it took has been undone.',
  payload: z.strictObject({ checkoutId, reason }),
});
export type CheckoutCancelled = PayloadOf<typeof CheckoutCancelled>;
