import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, currency, minorUnits, reason, uuid } from './checkout-fields';

export const RefundRequested = defineMessage({
  type: 'RefundRequested',
  kind: 'command',
  producer: 'checkout-orchestrator',
  consumers: ['payments-svc'],
  description: 'Compensation: asks payments to refund a payment that arrived after the checkout gave up.',
  payload: z.strictObject({ checkoutId, paymentId: uuid, amount: minorUnits, currency, reason }),
});
export type RefundRequested = PayloadOf<typeof RefundRequested>;
