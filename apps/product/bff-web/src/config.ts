import { brokerDefaults, brokerSettings, checkoutRetentionSetting, ConfigValidationError, env, loadConfig, LOOPBACK, refusePublishedDefaults, serviceSettings } from '@checkout/platform';
import { z } from 'zod';
import { chaosSettings } from './chaos/chaos.settings';

/** A comma-separated list in one variable; blanks dropped. */
const list = (item: z.ZodString, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(item));

const origin = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return ['http:', 'https:'].includes(url.protocol) && url.origin === value;
  } catch {
    return false;
  }
}, 'expected origins such as https://shop.example.com (scheme, host and port only)');

export const BffConfigSchema = z
  .object({
    // The one service that listens beyond loopback: it is the public edge.
    ...serviceSettings(3000, '0.0.0.0'),
    /** `production` makes PUBLIC_ORIGINS required (see loadBffConfig). */
    NODE_ENV: z.string().optional(),
    /** Where /metrics is served: a port and address of its own, never the public one. */
    METRICS_PORT: env.port(9464),
    METRICS_HOST: env.host(LOOPBACK),
    /**
     * The origins the site is served from. A browser's state-changing request from any other
     * origin is refused with 403 (cross-site request forgery). Empty: this machine on PORT, which
     * only a developer's machine may rely on (required with NODE_ENV=production).
     */
    PUBLIC_ORIGINS: list(origin, ''),
    /**
     * Proxies in front of the edge whose X-Forwarded-For is believed (Express "trust proxy"
     * values: addresses, CIDR ranges, `loopback`). None by default: the client is the peer.
     */
    TRUSTED_PROXIES: list(z.string().min(1), ''),
    ...brokerSettings(),
    ...chaosSettings(),
    REDIS_URL: env.url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
    ORCHESTRATOR_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3001'),
    CATALOG_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3002'),
    PAYMENTS_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3003'),
    PSP_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3004'),
    /**
     * Prometheus' HTTP API, read for the plots and the live diagram (never exposed: the edge names
     * the queries). `none`: no Prometheus to read, and the plots say so (503) without asking.
     */
    PROMETHEUS_URL: z
      .literal('none', { error: 'expected a URL starting with http:// or https://, or none' })
      .transform(() => undefined)
      .or(env.url(['http:', 'https:'], 'http://127.0.0.1:9090')),
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
    /** The health dashboard's API, per client per minute; its cluster view is cached ~1 s. */
    RATE_LIMIT_HEALTH_PER_MINUTE: env.positiveInt(120),
    /** Open event streams one client may hold, and the edge in total (429 past either). */
    EVENT_STREAMS_PER_CLIENT: env.positiveInt(8),
    EVENT_STREAMS_TOTAL: env.positiveInt(1000),
    /** An event stream that has carried nothing but keep-alives this long is closed. */
    EVENT_STREAM_IDLE_SECONDS: env.positiveInt(120),
    /**
     * The operator token the operations console's actions (resume, replay) require, sent as
     * `Authorization: Bearer …`. Unset: the console is read-only and every action is refused.
     */
    OPS_TOKEN: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .min(16, 'expected at least 16 characters')
        // It travels in a header as one Bearer credential: printable ASCII, no spaces.
        .regex(/^[\x21-\x7e]+$/, 'expected printable ASCII without spaces')
        .optional(),
    ),
    /** Chaos starts and halts one client may send per minute (the experiments' budget is the agent's). */
    RATE_LIMIT_CHAOS_ACTIONS_PER_MINUTE: env.positiveInt(6),
    /** Operator actions (and token checks) one client may send per minute: bounds guessing. */
    RATE_LIMIT_OPS_ACTIONS_PER_MINUTE: env.positiveInt(30),
    /** A checkout that has not moved for this long in a state that is not final shows as stuck. */
    OPS_STUCK_AFTER_SECONDS: env.positiveInt(120),
    /** Loopback port of the OTLP/HTTP trace receiver the services export to (4318 is OTLP/HTTP's own). */
    TRACES_RECEIVER_PORT: z.coerce.number({ error: 'expected a port' }).int().min(0).max(65535).default(4318),
    /**
     * Where Alertmanager's webhook posts alerts for the operations console (deploy/alertmanager):
     * an internal port, loopback by default; 0 picks a free one (a test cluster's, with no Alertmanager).
     */
    ALERTS_RECEIVER_PORT: z.coerce.number({ error: 'expected a port' }).int().min(0).max(65535).default(9465),
    ALERTS_RECEIVER_HOST: env.host(LOOPBACK),
    /**
     * Retention of the kept traces: how many, and how long after their last span (never longer
     * than CHECKOUT_RETENTION_SECONDS: a trace is forgotten no later than its checkout's rows).
     */
    TRACES_MAX_KEPT: env.positiveInt(2000),
    TRACES_MAX_AGE_MS: env.positiveInt(15 * 60_000),
    ...checkoutRetentionSetting(),
    RATE_LIMIT_NAMESPACE: z.string().regex(/^[a-z0-9:_-]{1,64}$/, { error: 'expected 1-64 of a-z 0-9 : _ -' }).default('bff-web'),
  })
  .superRefine(refusePublishedDefaults(brokerDefaults()));

export type BffConfig = z.output<typeof BffConfigSchema>;

export const loadBffConfig = (source: NodeJS.ProcessEnv = process.env): BffConfig => {
  const config = loadConfig(BffConfigSchema, source);
  if (config.PUBLIC_ORIGINS.length > 0) return config;
  // Behind a real host name every browser's POST would meet a 403 (its Origin is not localhost):
  // a deployment that forgot the setting must fail at start, naming it, not at a visitor's click.
  if (config.NODE_ENV === 'production') {
    throw new ConfigValidationError([
      'PUBLIC_ORIGINS: required with NODE_ENV=production; the origins the site is served from, e.g. https://shop.example.com (unset)',
    ]);
  }
  // A developer machine: the page is opened as localhost or 127.0.0.1 on the edge's port.
  return { ...config, PUBLIC_ORIGINS: [`http://localhost:${config.PORT}`, `http://127.0.0.1:${config.PORT}`] };
};
