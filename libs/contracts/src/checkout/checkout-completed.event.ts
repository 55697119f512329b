import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, currency, minorUnits } from './checkout-fields';

export const CheckoutCompleted = defineMessage({
  type: 'CheckoutCompleted',
  kind: 'event',
  producer: 'checkout-orchestrator',
  consumers: ['bff-web'],
  description: 'The checkout succeeded: the customer paid and the stock is theirs.',
  payload: z.strictObject({ checkoutId, amount: minorUnits, currency }),
});
export type CheckoutCompleted = PayloadOf<typeof CheckoutCompleted>;
