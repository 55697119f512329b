import { z } from 'zod';
import { currencyCode, httpUrl, MAX_AMOUNT, metadata, wholeNumber } from '../stripe-api/form-fields';
import { InvalidRequestError } from '../stripe-api/stripe-api.error';
import { parseParams } from '../stripe-api/stripe-params';
import type { SessionLineItem } from './checkout-session.entity';

const MIN_LIFETIME_MS = 30 * 60_000;
const MAX_LIFETIME_MS = 24 * 3600_000;
/** A client that asks for exactly "now + 30 min" must not fail on a second of latency. */
const LIFETIME_GRACE_MS = 60_000;

const lineItem = z.strictObject({
  quantity: wholeNumber({ min: 1, max: 999_999 }),
  price_data: z.strictObject({
    currency: currencyCode(),
    unit_amount: wholeNumber({ min: 0, max: MAX_AMOUNT }),
    product_data: z.strictObject({ name: z.string().trim().min(1, 'expected a product name').max(250) }),
  }),
});

/** The subset of Stripe's `POST /v1/checkout/sessions` parameters the sandbox implements. */
const createSessionParams = z.strictObject({
  mode: z.literal('payment', { error: 'the sandbox supports only mode=payment' }),
  line_items: z.array(lineItem, { error: 'expected a list of line items' }).min(1, 'expected at least one line item').max(100),
  client_reference_id: z.string().min(1).max(200).optional(),
  metadata: metadata().optional(),
  payment_intent_data: z.strictObject({ metadata: metadata().optional() }).optional(),
  success_url: httpUrl().optional(),
  cancel_url: httpUrl().optional(),
  expires_at: wholeNumber({ min: 0, max: 2 ** 32 }).optional(),
  // Accepted so that code written for real Stripe runs unchanged; they change nothing here.
  payment_method_types: z.array(z.string()).optional(),
  expand: z.array(z.string()).optional(),
});

/** A validated session request, in the sandbox's own terms. */
export interface NewSession {
  lineItems: SessionLineItem[];
  currency: string;
  amountTotal: number;
  clientReferenceId: string | null;
  metadata: Record<string, string>;
  paymentIntentMetadata: Record<string, string>;
  successUrl: string | null;
  cancelUrl: string | null;
  expiresAt: Date;
  /** `metadata[payment_method]`: picks the simulated customer. */
  paymentMethod: string | null;
}

/** Validates the form parameters and derives the total; throws a Stripe invalid_request_error. */
export function parseCreateSession(body: unknown, now: Date): NewSession {
  const params = parseParams(createSessionParams, body);
  const lineItems = params.line_items.map((item) => ({
    quantity: item.quantity,
    currency: item.price_data.currency,
    unitAmount: item.price_data.unit_amount,
    name: item.price_data.product_data.name,
  }));
  const currency = lineItems[0].currency;
  const mixed = lineItems.findIndex((item) => item.currency !== currency);
  if (mixed >= 0) {
    throw new InvalidRequestError('All line items must use the same currency.', {
      param: `line_items[${mixed}][price_data][currency]`,
    });
  }
  const amountTotal = lineItems.reduce((sum, item) => sum + item.quantity * item.unitAmount, 0);
  if (amountTotal > MAX_AMOUNT) {
    throw new InvalidRequestError(`The total (${amountTotal}) is more than the maximum amount of ${MAX_AMOUNT}.`, {
      code: 'amount_too_large',
      param: 'line_items',
    });
  }
  const metadataOf = params.metadata ?? {};
  return {
    lineItems,
    currency,
    amountTotal,
    clientReferenceId: params.client_reference_id ?? null,
    metadata: metadataOf,
    paymentIntentMetadata: params.payment_intent_data?.metadata ?? {},
    successUrl: params.success_url ?? null,
    cancelUrl: params.cancel_url ?? null,
    expiresAt: expiryOf(params.expires_at, now),
    paymentMethod: metadataOf.payment_method ?? null,
  };
}

/** Stripe's rule: a session lives from 30 minutes to 24 hours; by default, 24 hours. */
function expiryOf(expiresAt: number | undefined, now: Date): Date {
  if (expiresAt === undefined) return new Date(now.getTime() + MAX_LIFETIME_MS);
  const lifetime = expiresAt * 1000 - now.getTime();
  if (lifetime < MIN_LIFETIME_MS - LIFETIME_GRACE_MS || lifetime > MAX_LIFETIME_MS + LIFETIME_GRACE_MS) {
    throw new InvalidRequestError('expires_at must be between 30 minutes and 24 hours after the session is created.', {
      param: 'expires_at',
    });
  }
  return new Date(expiresAt * 1000);
}
