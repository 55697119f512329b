import { createHmac, timingSafeEqual } from 'node:crypto';

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
  | { readonly valid: true; readonly timestamp: number }
  | { readonly valid: false; readonly reason: string };

interface SignatureHeader {
  readonly timestamp: number;
  readonly signatures: readonly Buffer[];
}

/**
 * Checks a `Stripe-Signature` header, `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, against the
 * exact bytes received: v1 = hex(HMAC-SHA256(secret, `${t}.${rawBody}`)). Several v1 values
 * appear while the sender rotates its secret; one match is enough. Other schemes (v0) are
 * ignored. The signature covers the timestamp, so the tolerance window is what stops a
 * captured request from being replayed later; the inbox of provider event ids stops it within.
 */
export function verifyWebhookSignature(
  header: string | undefined,
  rawBody: Buffer,
  options: SignatureCheckOptions,
): SignatureVerdict {
  if (!header) return rejected('the Stripe-Signature header is missing');
  const parsed = parseHeader(header);
  if (!parsed) return rejected('the Stripe-Signature header is malformed');
  if (parsed.signatures.length === 0) return rejected('the Stripe-Signature header has no v1 signature');

  const expected = createHmac('sha256', options.secret).update(`${parsed.timestamp}.`).update(rawBody).digest();
  // Compare with every candidate in constant time and without stopping early, so the response
  // time tells an attacker nothing about how close a guess was.
  const matched = parsed.signatures.reduce((found, signature) => timingSafeEqual(signature, expected) || found, false);
  if (!matched) return rejected('no v1 signature matches the payload');

  const age = (options.nowSeconds ?? Math.floor(Date.now() / 1000)) - parsed.timestamp;
  if (age > options.toleranceSeconds) return rejected('the signed timestamp is too old');
  if (-age > FUTURE_SKEW_SECONDS) return rejected('the signed timestamp is in the future');
  return { valid: true, timestamp: parsed.timestamp };
}

function parseHeader(header: string): SignatureHeader | undefined {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator < 1) return undefined;
    const scheme = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (scheme === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      timestamp = Number(value);
    } else if (scheme === 'v1' && /^[0-9a-fA-F]{64}$/.test(value)) {
      // Only well-formed SHA-256 digests: timingSafeEqual needs buffers of equal length.
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  return timestamp === undefined ? undefined : { timestamp, signatures };
}

function rejected(reason: string): SignatureVerdict {
  return { valid: false, reason };
}
