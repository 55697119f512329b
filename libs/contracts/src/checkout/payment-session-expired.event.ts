import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, uuid } from './checkout-fields';

export const PaymentSessionExpired = defineMessage({
  type: 'PaymentSessionExpired',
  kind: 'event',
  producer: 'payments-svc',
  consumers: ['checkout-orchestrator'],
  description:
    'The provider confirmed that the session took no payment and can take none any more. (A session already paid answers with PaymentCompleted instead.)',
  payload: z.strictObject({
    checkoutId,
    paymentId: uuid,
    /**
     * True when the customer chose a method that settles later (the session completed unpaid):
     * nothing is paid now, and money that still arrives is refunded.
     */
    paymentPending: z.boolean(),
  }),
});
export type PaymentSessionExpired = PayloadOf<typeof PaymentSessionExpired>;
