import { z } from 'zod';
import { env } from '../config/env';
import { equalTo, type PublishedDefault } from '../config/published-defaults';

export const DEFAULT_VAULT_ADDR = 'http://127.0.0.1:3006';

/**
 * Where a service's secrets come from. `env`: the static settings (DATABASE_URL, PSP_*), for a
 * simple run. `vault`: a lease on a dynamic database role and the provider secrets from KV,
 * through VAULT_ADDR with VAULT_TOKEN. The defaults match the local Vault stand-in's dev tokens.
 */
export function secretsSettings(serviceName: string) {
  return {
    SECRETS_PROVIDER: z.enum(['env', 'vault'], { error: 'expected env or vault' }).default('env'),
    VAULT_ADDR: env.url(['http:', 'https:'], DEFAULT_VAULT_ADDR),
    VAULT_TOKEN: z.string().min(1, 'expected a Vault token').default(devVaultToken(serviceName)),
    /** The database secrets engine role whose credentials this service leases. */
    VAULT_DATABASE_ROLE: z.string().min(1, 'expected a role name').default(serviceName),
    /**
     * How often KV secrets (the provider's) are re-read when no writer announced a new version
     * (a writer that does, like the chaos agent, reaches the readers at once): a rotation made
     * without an announcement needs an overlap longer than twice this.
     */
    VAULT_SECRETS_REFRESH_MS: env.positiveInt(30_000),
  };
}

/** The Vault stand-in's published token for a service (`hvs.dev-<service>`). */
export const devVaultToken = (serviceName: string) => `hvs.dev-${serviceName}`;

/** A service's published Vault token, refused (when it is used at all) if Vault is not on this machine. */
export function vaultTokenDefaults(serviceName: string): PublishedDefault[] {
  return [
    {
      setting: 'VAULT_TOKEN',
      server: 'VAULT_ADDR',
      isPublished: equalTo(devVaultToken(serviceName)),
      appliesWhen: (config) => config.SECRETS_PROVIDER === 'vault',
    },
  ];
}

type SecretsSettings = z.output<z.ZodObject<ReturnType<typeof secretsSettings>>>;

/** How to reach Vault, as the database and the provider-secret readers need it. */
export interface VaultAccess {
  address: string;
  token: string;
  databaseRole: string;
}

/** The Vault access of a validated configuration, or undefined when secrets come from the environment. */
export function vaultAccess(config: SecretsSettings): VaultAccess | undefined {
  if (config.SECRETS_PROVIDER !== 'vault') return undefined;
  return { address: config.VAULT_ADDR, token: config.VAULT_TOKEN, databaseRole: config.VAULT_DATABASE_ROLE };
}
