import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { PAYMENT_METHOD_PATTERN } from '../payments/sandbox-payment-methods';
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
    paymentMethod: z.string().regex(PAYMENT_METHOD_PATTERN, { error: 'expected a payment method id such as pm_card_visa' }),
    description: z.string().max(200),
    /**
     * A visitor follows this checkout live (the shop page started it): payments records its
     * calls to and from the provider (ProviderCallRecorded) for that view, and for no other.
     * Sent only when true, so a request for an unwatched checkout is the same message as
     * before the field existed: an older reader still reads it, and this one reads an older
     * request as unwatched.
     */
    watched: z.literal(true).optional(),
  }),
});
export type PaymentSessionRequested = PayloadOf<typeof PaymentSessionRequested>;
