import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, reason, uuid } from './checkout-fields';

export const PaymentFailed = defineMessage({
  type: 'PaymentFailed',
  kind: 'event',
  producer: 'payments-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The provider reported that the payment was declined or could not be taken.',
  payload: z.strictObject({
    checkoutId,
    paymentId: uuid,
    reason,
    /** The provider's decline code (`card_declined`), when it gave one. */
    declineCode: z.string().min(1).max(64).nullable(),
  }),
});
export type PaymentFailed = PayloadOf<typeof PaymentFailed>;
