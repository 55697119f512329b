import { followingCurrent } from '@checkout/platform';
import { type ProviderSecrets } from '@checkout/provider-secrets';
import Stripe from 'stripe';
import type { ProviderSettings } from './provider.settings';

/** Injection token of the one Stripe SDK client of this process. */
export const STRIPE_CLIENT = Symbol('STRIPE_CLIENT');

const KEY_NOT_LOADED = 'sk_test_not_loaded_from_vault_yet';

/**
 * The official SDK, pointed at whatever `PSP_API_URL` names: the local sandbox or
 * api.stripe.com. The SDK retries network errors, 409s and 5xx itself (with its own
 * idempotency keys, or ours); anything it gives up on is retried later by the consumer.
 * The SDK holds one API key for its lifetime, so a rotated key means a new client: callers keep
 * one object that always is the client for the newest key.
 */
export function createStripeClient(settings: ProviderSettings, secrets: ProviderSecrets): Stripe {
  let client: { key: string; stripe: Stripe } | undefined;
  return followingCurrent(() => {
    // Until the first read from Vault there is no key: Nest inspects the client at start-up, and
    // a provider call made that early is refused (401) and retried by its consumer.
    const key = secrets.loaded() ? secrets.apiKey() : KEY_NOT_LOADED;
    if (client?.key !== key) client = { key, stripe: newClient(settings, key) };
    return client.stripe;
  });
}

function newClient(settings: ProviderSettings, apiKey: string): Stripe {
  const url = new URL(settings.apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(apiKey, {
    host: url.hostname,
    port: url.port || (protocol === 'https' ? 443 : 80),
    protocol,
    maxNetworkRetries: 2,
    timeout: 10_000,
  });
}

/**
 * Calls the SDK without its call-site capture. On every request the SDK reads `new
 * Error().stack`, to add the caller's frames to an error should the request fail; with source
 * maps on, as the services run, formatting that stack cost about 3 % of this service's CPU at
 * saturation, more than the rest of the SDK's request building. The callers are this service's
 * PaymentProvider methods, and a failure still carries the SDK's type, code and message. Only
 * the call's synchronous start runs without stack frames; the limit is restored before it
 * awaits anything.
 */
export function withoutCallSite<T>(call: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return call();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
