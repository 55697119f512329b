import {
  brokerDefaults,
  brokerSettings,
  databaseDefaults,
  databaseSettings,
  DEFAULT_VAULT_ADDR,
  devVaultToken,
  env,
  loadConfig,
  refusePublishedDefaults,
  retentionSettings,
  sameLoginAs,
  serviceSettings,
  vaultTokenDefaults,
} from '@checkout/platform';
import { z } from 'zod';

const HTTP = ['http:', 'https:'] as const;
const POSTGRES = ['postgres:', 'postgresql:'] as const;
const DEFAULT_AUDIT_DATABASE_URL = 'postgres://chaos_audit:chaos_audit@127.0.0.1:5432/checkout_cluster';

/** The cluster's processes the agent may signal: nothing else, whatever a request names. */
const DEFAULT_ALLOWLIST = 'checkout-orchestrator,catalog-svc,payments-svc,psp-sandbox,bff-web';

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text) => text.split(',').map((item) => item.trim()).filter(Boolean));

export const ChaosAgentConfigSchema = z
  .object({
    ...serviceSettings(3005),
    ...databaseSettings('chaos_agent'),
    ...retentionSettings(),
    ...brokerSettings(),
    /** The read-only audit login the invariant checker uses (provisioned by the agent at start). */
    AUDIT_DATABASE_URL: env.url(POSTGRES, DEFAULT_AUDIT_DATABASE_URL),
    /** The fault proxy's Toxiproxy API (our fault-proxy under npm start, real Toxiproxy in compose). */
    FAULT_PROXY_URL: env.url(HTTP, 'http://127.0.0.1:8474').transform((url) => url.replace(/\/+$/, '')),
    CHAOS_ALLOWLIST: list(DEFAULT_ALLOWLIST),
    /** name=url pairs of every service whose /health/ready the agent watches. */
    CHAOS_SERVICE_URLS: list(
      'checkout-orchestrator=http://127.0.0.1:3001,catalog-svc=http://127.0.0.1:3002,payments-svc=http://127.0.0.1:3003,psp-sandbox=http://127.0.0.1:3004,bff-web=http://127.0.0.1:3000',
    ).transform((pairs) => Object.fromEntries(pairs.map((pair) => pair.split('=') as [string, string]))),
    ORCHESTRATOR_URL: env.url(HTTP, 'http://127.0.0.1:3001'),
    /** Paying customers per second in the shared live load; 0 turns it off. */
    LIVE_LOAD_PER_SECOND: z.coerce.number().min(0).max(200).default(5),
    /** Each experiment's longest fault: an operator's (OPS_TOKEN at the edge, or the soak). */
    CHAOS_MAX_SECONDS: env.positiveInt(60),
    /** An anonymous visitor's longest fault (docs/decisions/0033). */
    CHAOS_PUBLIC_MAX_SECONDS: env.positiveInt(30),
    /** The visitors' shared budget: a rest after each verdict, experiments per hour, per client per window. */
    CHAOS_COOLDOWN_SECONDS: z.coerce.number({ error: 'expected whole seconds' }).int('expected whole seconds').min(0).max(3600).default(30),
    CHAOS_EXPERIMENTS_PER_HOUR: env.positiveInt(20),
    CHAOS_EXPERIMENTS_PER_CLIENT: env.positiveInt(3),
    CHAOS_CLIENT_WINDOW_MINUTES: env.positiveInt(10),
    /** The site as a visitor reaches it: the verdict's visitors' view probes its page and shop. */
    CHAOS_PUBLIC_URL: env.url(HTTP, 'http://127.0.0.1:3000').transform((url) => url.replace(/\/+$/, '')),
    /** Where the cluster's secrets come from; with `vault` the rotation experiments are offered. */
    SECRETS_PROVIDER: z.enum(['env', 'vault'], { error: 'expected env or vault' }).default('env'),
    VAULT_ADDR: env.url(HTTP, DEFAULT_VAULT_ADDR),
    /** The agent's own Vault token: its policy may read and write the provider secrets, nothing else. */
    VAULT_TOKEN: z.string().min(1, 'expected a Vault token').default(devVaultToken('chaos-agent')),
    /** How long after a fault ends the cluster has to recover and finish what was in flight. */
    CHAOS_RECOVERY_SECONDS: env.positiveInt(60),
  })
  .superRefine(
    refusePublishedDefaults([
      // Its own login is never leased, even when the services' are.
      ...databaseDefaults('chaos_agent', { leasedFromVault: false }),
      { setting: 'AUDIT_DATABASE_URL', server: 'AUDIT_DATABASE_URL', isPublished: sameLoginAs(DEFAULT_AUDIT_DATABASE_URL) },
      ...vaultTokenDefaults('chaos-agent'),
      ...brokerDefaults(),
    ]),
  );

export type ChaosAgentConfig = z.output<typeof ChaosAgentConfigSchema>;

export const loadChaosAgentConfig = (source: NodeJS.ProcessEnv = process.env): ChaosAgentConfig =>
  loadConfig(ChaosAgentConfigSchema, source);

export const CHAOS_CONFIG = Symbol('CHAOS_CONFIG');
