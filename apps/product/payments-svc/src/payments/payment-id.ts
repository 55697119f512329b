import { createHash } from 'node:crypto';

/** Our own namespace for name-based payment ids (a random v4 UUID, fixed forever). */
const PAYMENT_ID_NAMESPACE = '3d9f6a52-8c1e-4b7a-9f0d-5e2c71a4b8e6';

/**
 * The payment id of a checkout, derived from the checkout id (UUID v5) rather than drawn at
 * random. It travels in the provider request's metadata, and the provider replays an
 * idempotency key only for the very same parameters: a retry after a crash must send the
 * same id, or the provider would refuse it instead of returning the session it already opened.
 */
export function paymentIdFor(checkoutId: string): string {
  return uuidV5(checkoutId.toLowerCase(), PAYMENT_ID_NAMESPACE);
}

/** RFC 9562 name-based UUID (SHA-1, version 5). */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
