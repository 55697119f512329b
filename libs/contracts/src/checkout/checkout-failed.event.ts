import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, reason } from './checkout-fields';

export const CheckoutFailed = defineMessage({
  type: 'CheckoutFailed',
  kind: 'event',
  producer: 'checkout-orchestrator',
  consumers: ['bff-web'],
  description: 'A compensation step kept failing after its retries, so the checkout needs an operator.',
  payload: z.strictObject({ checkoutId, reason }),
});
export type CheckoutFailed = PayloadOf<typeof CheckoutFailed>;
