import { z } from 'zod';
import { MAX_AMOUNT, metadata, wholeNumber } from '../stripe-api/form-fields';

/** The subset of Stripe's `POST /v1/refunds` parameters the sandbox implements. */
export const CreateRefundParams = z.strictObject({
  payment_intent: z.string().min(1, 'expected a payment intent id'),
  /** In minor units; by default, all that is left to refund. */
  amount: wholeNumber({ min: 1, max: MAX_AMOUNT }).optional(),
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer']).optional(),
  metadata: metadata().optional(),
  expand: z.array(z.string()).optional(),
});
