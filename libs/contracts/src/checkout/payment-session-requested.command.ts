import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId, currency, minorUnits } from './checkout-fields';

export const PaymentSessionRequested = defineMessage({
  type: 'PaymentSessionRequested',
  kind: 'command',
  producer: 'checkout-orchestrator',
  consumers: ['payments-svc'],
  description: 'Asks payments to open a session at the payment provider for the amount the catalog priced.',
  payload: z.strictObject({
    checkoutId,
    amount: minorUnits,
    currency,
    /** A provider test payment method such as `pm_card_visa`; it decides the scenario. */
    paymentMethod: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9_]+$/, { error: 'expected lower-case letters, digits or underscores' }),
    description: z.string().max(200),
  }),
});
export type PaymentSessionRequested = PayloadOf<typeof PaymentSessionRequested>;
