import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, currency, minorUnits, providerReference, uuid } from './checkout-fields';

export const PaymentCompleted = defineMessage({
  type: 'PaymentCompleted',
  kind: 'event',
  producer: 'payments-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The provider confirmed, by a signed webhook, that the customer paid.',
  payload: z.strictObject({
    checkoutId,
    paymentId: uuid,
    providerPaymentId: providerReference,
    amount: minorUnits,
    currency,
  }),
});
export type PaymentCompleted = PayloadOf<typeof PaymentCompleted>;
