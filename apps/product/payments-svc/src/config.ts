import { SANDBOX_CREDENTIALS } from '@checkout/contracts';
import {
  brokerDefaults,
  brokerSettings,
  databaseDefaults,
  databaseSettings,
  env,
  loadConfig,
  refusePublishedDefaults,
  retentionSettings,
  secretsSettings,
  serviceSettings,
  vaultTokenDefaults,
} from '@checkout/platform';
import { providerSecretDefaults } from '@checkout/provider-secrets';
import { z } from 'zod';

/**
 * How payments-svc reaches its payment provider. The defaults point at the local psp-sandbox;
 * real Stripe test mode is `PSP_API_URL=https://api.stripe.com` plus a real test key and
 * webhook secret: configuration only, the code path is the same official SDK.
 */
function providerSettings() {
  return {
    PSP_API_URL: env
      .url(['http:', 'https:'], 'http://127.0.0.1:3004')
      // The SDK takes a host, a port and a protocol, never a path: refuse one rather than drop it.
      .refine(hasNoPath, { message: 'expected a URL with no path' }),
    PSP_API_KEY: env
      .secret(SANDBOX_CREDENTIALS.apiKey)
      // A demo anyone can drive from a browser must never be able to move real money.
      .refine((value) => !/^(sk|rk)_live_/.test(value), { message: 'expected a test-mode key, never a live one' }),
    PSP_WEBHOOK_SECRET: env.secret(SANDBOX_CREDENTIALS.webhookSecret),
    PSP_WEBHOOK_TOLERANCE_SECONDS: env.positiveInt(300),
    CHECKOUT_RETURN_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3000/'),
  };
}

function hasNoPath(value: string): boolean {
  try {
    return new URL(value).pathname === '/';
  } catch {
    return true; // not a URL at all: the protocol check above already says so
  }
}

export const PaymentsConfigSchema = z
  .object({
    ...serviceSettings(3003),
    ...databaseSettings('payments_svc'),
    ...secretsSettings('payments-svc'),
    ...brokerSettings(),
    ...providerSettings(),
    ...retentionSettings(),
  })
  .superRefine(
    refusePublishedDefaults([
      ...databaseDefaults('payments_svc'),
      ...vaultTokenDefaults('payments-svc'),
      ...brokerDefaults(),
      // The sandbox's credentials are published: with any provider not on this machine they would
      // let anyone sign webhooks we believe, or be a key someone else also holds.
      ...providerSecretDefaults('PSP_API_URL', SANDBOX_CREDENTIALS),
    ]),
  );

export type PaymentsConfig = z.output<typeof PaymentsConfigSchema>;

export const loadPaymentsConfig = (source: NodeJS.ProcessEnv = process.env): PaymentsConfig =>
  loadConfig(PaymentsConfigSchema, source);
