import { z } from 'zod';
import { defineMessage } from '../messages/define-message';
import type { PayloadOf } from '../messages/message-definition';
import { checkoutId } from './checkout-fields';

/**
 * What crossed between payments and the payment provider over HTTP (an API call out, a
 * webhook in), recorded in the same transaction as its effect. Nothing acts on it: it lets
 * the demo show the provider's part of a checkout as real rows, not as a drawing. Recorded
 * only for a checkout a visitor watches (PaymentSessionRequested's `watched`).
 */
export const ProviderCallRecorded = defineMessage({
  type: 'ProviderCallRecorded',
  kind: 'event',
  producer: 'payments-svc',
  consumers: ['bff-web'],
  description: 'Payments called the provider, or the provider called payments (a webhook), for a checkout a visitor watches.',
  payload: z.strictObject({
    checkoutId,
    direction: z.enum(['to-provider', 'from-provider']),
    /** e.g. `POST /v1/checkout/sessions` or `webhook checkout.session.completed`. */
    operation: z.string().min(1).max(120),
    /** The provider's id for what was created or delivered (session, refund, event). */
    providerReference: z.string().min(1).max(255).nullable(),
    /** A webhook the provider delivered again, recognised and ignored. */
    duplicate: z.boolean(),
  }),
});
export type ProviderCallRecorded = PayloadOf<typeof ProviderCallRecorded>;
