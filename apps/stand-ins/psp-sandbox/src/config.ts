import { SANDBOX_CREDENTIALS } from '@checkout/contracts';
import {
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

const HTTP = ['http:', 'https:'] as const;

export const PspSandboxConfigSchema = z
  .object({
    ...serviceSettings(3004),
    ...databaseSettings('psp_sandbox'),
    ...secretsSettings('psp-sandbox'),
    ...retentionSettings(),
    /** The one secret API key the sandbox accepts (`Authorization: Bearer …`), like a Stripe `sk_test_` key. */
    PSP_API_KEY: env.secret(SANDBOX_CREDENTIALS.apiKey),
    /** Where the sandbox is reachable from outside; checkout session URLs are built on it. */
    PSP_PUBLIC_URL: env.url(HTTP, 'http://127.0.0.1:3004').transform((url) => url.replace(/\/+$/, '')),
    /** The webhook endpoint events are POSTed to (payments-svc). */
    PSP_WEBHOOK_URL: env.url(HTTP, 'http://127.0.0.1:3003/webhooks/psp'),
    /** Signs every webhook (`Stripe-Signature`); the receiver verifies with the same secret. */
    PSP_WEBHOOK_SECRET: env.secret(SANDBOX_CREDENTIALS.webhookSecret),
    /** How long the simulated customer takes to pay (or be declined). */
    PSP_PAY_DELAY_MS: env.positiveInt(300),
    /** How long `pm_sandbox_pays_late` takes: longer than the checkout's payment timeout. */
    PSP_LATE_PAY_DELAY_MS: env.positiveInt(15_000),
    /** First webhook retry delay; it doubles per attempt, capped at 60 s, for at most 10 attempts. */
    PSP_WEBHOOK_RETRY_BASE_MS: env.positiveInt(500),
  })
  .superRefine(
    refusePublishedDefaults([
      ...databaseDefaults('psp_sandbox'),
      ...vaultTokenDefaults('psp-sandbox'),
      // A sandbox reachable from elsewhere with the published credentials would take anyone's
      // API calls and sign webhooks anyone could also sign.
      ...providerSecretDefaults('PSP_PUBLIC_URL', SANDBOX_CREDENTIALS),
    ]),
  );

export type PspSandboxConfig = z.output<typeof PspSandboxConfigSchema>;

export const loadPspSandboxConfig = (source: NodeJS.ProcessEnv = process.env): PspSandboxConfig =>
  loadConfig(PspSandboxConfigSchema, source);
