import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, currency, minorUnits, providerReference, uuid } from './checkout-fields';

export const PaymentRefunded = defineMessage({
  type: 'PaymentRefunded',
  kind: 'event',
  producer: 'payments-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The provider refunded the payment to the customer.',
  payload: z.strictObject({
    checkoutId,
    paymentId: uuid,
    refundId: providerReference,
    amount: minorUnits,
    currency,
  }),
});
export type PaymentRefunded = PayloadOf<typeof PaymentRefunded>;
