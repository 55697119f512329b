import { brokerSettings, env, loadConfig, serviceSettings } from '@checkout/platform';
import { z } from 'zod';

export const BffConfigSchema = z.object({
  ...serviceSettings(3000),
  ...brokerSettings(),
  REDIS_URL: env.url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  ORCHESTRATOR_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3001'),
  CATALOG_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3002'),
  PAYMENTS_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3003'),
  PSP_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3004'),
  /** Where "View source" links point; the default serves this repository's own files. */
  REPO_BASE_URL: z.string().min(1).default('/source'),
  /** The repository checkout the bff reads the built web UI, the articles and /source from
   *  (npm start, the tests and the Docker image all run from it). */
  REPO_ROOT: z.string().min(1).default(process.cwd()),
  /** VAT included in catalog prices (UK style), to show the tax line of the order. */
  VAT_RATE_PERCENT: z.coerce.number({ error: 'expected a percentage' }).min(0).max(100).default(20),
  /** Checkouts one client may start per minute, and requests of any kind per minute. */
  RATE_LIMIT_STARTS_PER_MINUTE: env.positiveInt(20),
  RATE_LIMIT_REQUESTS_PER_MINUTE: env.positiveInt(600),
  /** Prefix of the rate-limit counters in Redis: instances of one edge share it, others do not. */
  /** Loopback port of the OTLP/HTTP trace receiver the services export to (4318 is OTLP/HTTP's own). */
  TRACES_RECEIVER_PORT: z.coerce.number({ error: 'expected a port' }).int().min(0).max(65535).default(4318),
  /** Retention of the kept traces: how many, and how long after their last span. */
  TRACES_MAX_KEPT: env.positiveInt(2000),
  TRACES_MAX_AGE_MS: env.positiveInt(15 * 60_000),
  RATE_LIMIT_NAMESPACE: z.string().regex(/^[a-z0-9:_-]{1,64}$/, { error: 'expected 1-64 of a-z 0-9 : _ -' }).default('bff-web'),
});

export type BffConfig = z.output<typeof BffConfigSchema>;

export const loadBffConfig = (source: NodeJS.ProcessEnv = process.env): BffConfig =>
  loadConfig(BffConfigSchema, source);
