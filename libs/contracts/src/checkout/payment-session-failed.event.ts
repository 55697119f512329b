import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, reason } from './checkout-fields';

export const PaymentSessionFailed = defineMessage({
  type: 'PaymentSessionFailed',
  kind: 'event',
  producer: 'payments-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The payment provider refused to open a session, so the checkout must release its stock.',
  payload: z.strictObject({ checkoutId, reason }),
});
export type PaymentSessionFailed = PayloadOf<typeof PaymentSessionFailed>;
