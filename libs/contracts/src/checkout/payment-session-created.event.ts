import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, isoDateTime, providerReference, uuid } from './checkout-fields';

export const PaymentSessionCreated = defineMessage({
  type: 'PaymentSessionCreated',
  kind: 'event',
  producer: 'payments-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The payment provider opened a session and the checkout now waits for the payment until it expires.',
  payload: z.strictObject({
    checkoutId,
    paymentId: uuid,
    providerSessionId: providerReference,
    expiresAt: isoDateTime,
  }),
});
export type PaymentSessionCreated = PayloadOf<typeof PaymentSessionCreated>;
