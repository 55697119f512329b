import { createHmac } from 'node:crypto';

/**
 * Stripe's `Stripe-Signature` header: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.payload")>`.
 * The timestamp is inside the signed text, so a receiver that checks its age (the Stripe SDK
 * allows 5 minutes) refuses a captured webhook replayed later. Sign each attempt afresh.
 * With several signing secrets (a rotation's overlap), there is one `v1=` per secret, as Stripe
 * sends them; a receiver that knows either secret accepts the webhook.
 */
export function signatureHeader(payload: string, secrets: string | readonly string[], timestamp = Math.floor(Date.now() / 1000)): string {
  const signatures = [secrets].flat().map((secret) => createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex'));
  return [`t=${timestamp}`, ...signatures.map((signature) => `v1=${signature}`)].join(',');
}
