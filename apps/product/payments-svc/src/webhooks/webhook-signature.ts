import Stripe from 'stripe';

/** How far a sender's clock may run ahead of ours before a timestamp counts as forged. */
export const FUTURE_SKEW_SECONDS = 30;

export interface SignatureCheckOptions {
  readonly secret: string;
  /** How old a signed timestamp may be: bounds how long a captured request can be replayed. */
  readonly toleranceSeconds: number;
  /** Unix seconds; defaults to the system clock. */
  readonly nowSeconds?: number;
}

export type SignatureVerdict =
  | { readonly valid: true; readonly event: unknown }
  | { readonly valid: false; readonly reason: string };

/** Signed by the provider, but not JSON: the caller refuses it as an unreadable event. */
export class SignedBodyNotJsonError extends Error {}

/**
 * Checks a `Stripe-Signature` header against the exact bytes received with the SDK's own
 * `webhooks.constructEvent` (constant-time comparison, several v1 values during a secret
 * rotation, the age tolerance), and returns the event it parsed.
 *
 * The SDK accepts a timestamp from the future (it only bounds the age), so a request signed
 * with a timestamp far ahead would stay replayable for that much longer: that one refusal is
 * ours, checked after the SDK has proven the header well-formed and authentic.
 */
export function verifyWebhookSignature(
  header: string | undefined,
  rawBody: Buffer,
  options: SignatureCheckOptions,
): SignatureVerdict {
  if (!header) return rejected('the Stripe-Signature header is missing');
  const nowSeconds = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, header, options.secret, options.toleranceSeconds, undefined, nowSeconds * 1000);
  } catch (error) {
    // The SDK's first sentence says what was wrong; the rest is advice for the integrator.
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) return rejected(error.message.split('. ')[0]);
    if (error instanceof SyntaxError) throw new SignedBodyNotJsonError();
    throw error;
  }
  const timestamp = signedTimestamp(header);
  if (timestamp - nowSeconds > FUTURE_SKEW_SECONDS) return rejected('the signed timestamp is in the future');
  return { valid: true, event };
}

/** The `t=` value of a header the SDK has already accepted (so it is there and numeric). */
function signedTimestamp(header: string): number {
  const match = /(?:^|,)\s*t=(\d+)/.exec(header);
  return match ? Number(match[1]) : Number.NaN;
}

function rejected(reason: string): SignatureVerdict {
  return { valid: false, reason };
}
