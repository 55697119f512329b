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
import { z } from 'zod';

export const OrchestratorConfigSchema = z.object({
  ...serviceSettings(3001),
  ...databaseSettings('checkout_svc'),
  ...secretsSettings('checkout-orchestrator'),
  ...brokerSettings(),
  ...retentionSettings(),
  /** Where the product list is read to refuse unknown SKUs before a saga starts. */
  CATALOG_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3002'),
  /** How long a checkout waits for the customer to pay before it gives up and compensates. */
  PAYMENT_TIMEOUT_SECONDS: env.positiveInt(10),
  /** How long to wait for the catalog to confirm a stock release before asking again. */
  RELEASE_TIMEOUT_SECONDS: env.positiveInt(15),
  /** Stock release requests per compensation before the checkout is marked Failed. */
  MAX_RELEASE_ATTEMPTS: env.positiveInt(3),
  /**
   * The timer scheduler's fallback scan: it wakes at the next deadline by itself, so this only
   * bounds how late a timer armed by a replica that stopped before firing it can be.
   */
  TIMER_POLL_MS: env.positiveInt(30_000),
  /** Admission control: checkouts under way beyond which POST /api/checkouts sheds with 503. */
  ADMISSION_MAX_ACTIVE_CHECKOUTS: env.positiveInt(300),
  /**
   * Admission control: how long the oldest checkout may wait for its stock before new ones are
   * shed. A backstop for a cluster that finishes nothing; the adaptive limit steers below it.
   */
  ADMISSION_MAX_FIRST_STEP_WAIT_MS: env.positiveInt(1000),
  /** Admission control: POST /api/checkouts handled at once by one instance; beyond, 503. */
  ADMISSION_MAX_CONCURRENT_STARTS: env.positiveInt(8),
  /**
   * Admission control: the p90 of a checkout's time from its POST to the customer's turn that
   * the adaptive limit on checkouts in those first steps steers to (docs/decisions/0032). 400:
   * with 500 the accepted p99 POST→Completed under 10× overload sat at about 1 s, over the
   * target; 400 keeps it near 0.8 s at the same throughput (docs/decisions/0049).
   */
  ADMISSION_TARGET_LATENCY_MS: env.positiveInt(400),
  /** How often (at most) the number of checkouts under way is counted. */
  ADMISSION_SAMPLE_MS: env.positiveInt(100),
}).superRefine(
  refusePublishedDefaults([...databaseDefaults('checkout_svc'), ...vaultTokenDefaults('checkout-orchestrator'), ...brokerDefaults()]),
);

export type OrchestratorConfig = z.output<typeof OrchestratorConfigSchema>;

export const loadOrchestratorConfig = (source: NodeJS.ProcessEnv = process.env): OrchestratorConfig =>
  loadConfig(OrchestratorConfigSchema, source);
