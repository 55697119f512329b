import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, reason, uuid } from './checkout-fields';

export const RefundFailed = defineMessage({
  type: 'RefundFailed',
  kind: 'event',
  producer: 'payments-svc',
  consumers: ['checkout-orchestrator'],
  description: 'The provider would not refund the payment, so the refund is retried or escalated to an operator.',
  payload: z.strictObject({ checkoutId, paymentId: uuid, reason }),
});
export type RefundFailed = PayloadOf<typeof RefundFailed>;
