import { MAX_ORDER_LINES, PAYMENT_METHOD_PATTERN, SKU_PATTERN } from '@checkout/contracts';
import { z } from 'zod';

/**
 * What a client may send to start a checkout. Strict: an unknown field (a price, a total) is
 * refused rather than ignored, so nobody believes they set something the server decides.
 */
export const StartCheckoutBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        sku: z.string().regex(SKU_PATTERN, { error: 'expected a product SKU such as DEMO-WIDGET' }),
        qty: z.number({ error: 'expected a whole number' }).int('expected a whole number').min(1, 'expected at least 1').max(99, 'expected at most 99'),
      }),
    )
    .min(1, 'expected at least one item')
    .max(MAX_ORDER_LINES, `expected at most ${MAX_ORDER_LINES} lines`)
    .refine((items) => new Set(items.map((item) => item.sku)).size === items.length, {
      error: 'expected each SKU once (use qty for more)',
    }),
  paymentMethod: z.string().regex(PAYMENT_METHOD_PATTERN, { error: 'expected a payment method id such as pm_card_visa' }),
  /**
   * Set by the edge when the shop page starts the checkout: a visitor follows it live, so its
   * steps are published for the edge to draw. A bulk API client leaves it out and its
   * checkouts cost the edge nothing.
   */
  watched: z.boolean({ error: 'expected true or false' }).default(false),
});
export type StartCheckoutBody = z.output<typeof StartCheckoutBody>;

export const IdempotencyKey = z
  .string({ error: 'the Idempotency-Key header is required' })
  .min(8, 'the Idempotency-Key header must be 8 to 128 characters')
  .max(128, 'the Idempotency-Key header must be 8 to 128 characters')
  .regex(/^[\x21-\x7e]+$/, { error: 'the Idempotency-Key header must be printable ASCII without spaces' });
