import {
  databaseDefaults,
  databaseSettings,
  DEFAULT_DATABASE_ADMIN_URL,
  env,
  equalTo,
  loadConfig,
  refusePublishedDefaults,
  sameLoginAs,
  serviceSettings,
} from '@checkout/platform';
import { z } from 'zod';

const POSTGRES = ['postgres:', 'postgresql:'] as const;

/** The services that hold a database role, with the group role their leases join. */
const DEFAULT_DB_ROLES =
  'checkout-orchestrator=checkout_svc,catalog-svc=catalog_svc,payments-svc=payments_svc,psp-sandbox=psp_sandbox';
const DEFAULT_ROOT_TOKEN = 'hvs.dev-root-token-local-only';
const DEFAULT_TOKENS =
  'checkout-orchestrator=hvs.dev-checkout-orchestrator,catalog-svc=hvs.dev-catalog-svc,' +
  'payments-svc=hvs.dev-payments-svc,psp-sandbox=hvs.dev-psp-sandbox,chaos-agent=hvs.dev-chaos-agent';

/** `name=value,name=value`, both sides non-empty: how a list of pairs fits in one variable. */
const pairs = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const entries = value.split(',').map((pair) => pair.trim().split('='));
      if (entries.some((entry) => entry.length !== 2 || !entry[0] || !entry[1])) {
        ctx.addIssue({ code: 'custom', message: 'expected name=value pairs separated by commas' });
        return z.NEVER;
      }
      return new Map(entries as [string, string][]);
    });

/** Some token of `tokens` (a VAULT_SERVICE_TOKENS map) is one of the published ones. */
const holdsPublishedToken = (tokens: unknown) =>
  tokens instanceof Map && [...tokens.values()].some(equalTo(...DEFAULT_TOKENS.split(',').map((pair) => pair.split('=')[1])));

export const VaultSandboxConfigSchema = z
  .object({
    ...serviceSettings(3006),
    // Its own state (leases, KV versions) lives in its own schema, like any other service's.
    ...databaseSettings('vault_sandbox'),
    /**
     * What Vault's database plugin calls `connection_url`: a login allowed to CREATE ROLE, to grant
     * the service group roles and to end other roles' sessions. Only the lease code uses it.
     */
    VAULT_DB_CONNECTION_URL: env.url(POSTGRES, DEFAULT_DATABASE_ADMIN_URL),
    /** Like `vault server -dev -dev-root-token-id`: may do anything, including write KV secrets. */
    VAULT_ROOT_TOKEN: env.secret(DEFAULT_ROOT_TOKEN),
    /**
     * One token per service (`service=token`). Its policy lets it read its own creds only (if it
     * has a role in VAULT_DB_ROLES), and the provider's secrets as the two lists below say.
     */
    VAULT_SERVICE_TOKENS: pairs(DEFAULT_TOKENS),
    /** Database secrets engine roles: `vault role (= service name)=Postgres group role`. */
    VAULT_DB_ROLES: pairs(DEFAULT_DB_ROLES),
    /**
     * A lease's first TTL and its ceiling: an hour, renewed at two thirds, and a new login each
     * day, as Vault's own examples set them. A cluster left alone renews five logins an hour and
     * rotates each once a day; the chaos page's rotation experiments rotate on demand.
     */
    VAULT_DB_DEFAULT_TTL_SECONDS: env.positiveInt(3600),
    VAULT_DB_MAX_TTL_SECONDS: env.positiveInt(86400),
    /** Services whose policy may read the provider's secrets at `secret/data/psp`. */
    VAULT_PSP_SECRET_READERS: z
      .string()
      .default('payments-svc,psp-sandbox')
      .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean)),
    /**
     * Services whose policy may also write a new version of `secret/data/psp`: the chaos agent's
     * rotate-webhook-secret experiment, and nothing else (it needs no database login).
     */
    VAULT_PSP_SECRET_ROTATORS: z
      .string()
      .default('chaos-agent')
      .transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean)),
    /** The first version of `secret/psp`, written at start-up when the path has none yet. */
    PSP_API_KEY: env.secret('sk_test_sandbox_local_only_0000'),
    PSP_WEBHOOK_SECRET: env.secret('whsec_sandbox_local_only_0000000000'),
  })
  // The tokens are this server's own: published ones are refused when it listens beyond loopback.
  .superRefine(
    refusePublishedDefaults([
      ...databaseDefaults('vault_sandbox'),
      { setting: 'VAULT_DB_CONNECTION_URL', server: 'VAULT_DB_CONNECTION_URL', isPublished: sameLoginAs(DEFAULT_DATABASE_ADMIN_URL) },
      { setting: 'VAULT_ROOT_TOKEN', server: 'HOST', isPublished: equalTo(DEFAULT_ROOT_TOKEN) },
      { setting: 'VAULT_SERVICE_TOKENS', server: 'HOST', isPublished: holdsPublishedToken },
    ]),
  );

export type VaultSandboxConfig = z.output<typeof VaultSandboxConfigSchema>;

export const loadVaultSandboxConfig = (source: NodeJS.ProcessEnv = process.env): VaultSandboxConfig =>
  loadConfig(VaultSandboxConfigSchema, source);
