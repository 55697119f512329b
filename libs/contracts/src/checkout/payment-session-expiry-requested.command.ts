import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, uuid } from './checkout-fields';

export const PaymentSessionExpiryRequested = defineMessage({
  type: 'PaymentSessionExpiryRequested',
  kind: 'command',
  producer: 'checkout-orchestrator',
  consumers: ['payments-svc'],
  description:
    'The payment timeout passed: asks payments to close the session at the provider, so that nobody can pay it any more, before the checkout gives up.',
  payload: z.strictObject({ checkoutId, paymentId: uuid }),
});
export type PaymentSessionExpiryRequested = PayloadOf<typeof PaymentSessionExpiryRequested>;
