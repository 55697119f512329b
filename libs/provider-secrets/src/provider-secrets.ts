import { AppError, PollingLoop, type secretsSettings, vaultAccess, VaultClient } from '@checkout/platform';
import { HttpStatus, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { z } from 'zod';

type ProviderSecretsConfig = z.output<z.ZodObject<ReturnType<typeof secretsSettings>>> & {
  PSP_API_KEY: string;
  PSP_WEBHOOK_SECRET: string;
};

/** Where the provider's secrets live in Vault's KV v2 mount (`secret/data/psp`). */
export const PROVIDER_SECRET_PATH = 'psp';

/**
 * The Postgres channel a writer NOTIFYs after it wrote a new version (announceProviderSecrets):
 * every reader re-reads Vault at once instead of at its next fallback read.
 */
export const PROVIDER_SECRETS_CHANNEL = 'provider_secrets';

/** EX_CONFIG, as for a bad environment: a supervisor should not expect a restart to fix it. */
const EX_CONFIG = 78;

/**
 * The KV entry's fields. During a rotation's overlap the previous key and signing secret stay
 * valid until `previous_valid_until`; afterwards only the current ones are. `rotated_at` is
 * when the overlap began.
 */
export interface ProviderSecretEntry {
  api_key: string;
  webhook_secret: string;
  previous_api_key?: string;
  previous_webhook_secret?: string;
  previous_valid_until?: string;
  rotated_at?: string;
}

/** The secrets as the application's own rules see them. */
export interface ProviderSecretValues {
  readonly apiKey: string;
  readonly webhookSecret: string;
}

/**
 * The application's refusal, applied to every version read from Vault as to the environment's
 * settings: the names of the secrets that must not be used here (e.g. a published sandbox
 * default with a provider that is not on this machine).
 */
export type ProviderSecretsRefusal = (secrets: ProviderSecretValues) => readonly (keyof ProviderSecretValues)[];

export interface ProviderSecretsOptions {
  readonly refuse?: ProviderSecretsRefusal;
  /** What happens to a refused version; by default the process stops with exit code 78. */
  readonly onRefused?: (problems: readonly string[]) => void;
}

const FIELD: Record<keyof ProviderSecretValues, keyof ProviderSecretEntry> = { apiKey: 'api_key', webhookSecret: 'webhook_secret' };

/**
 * The payment provider's API key and webhook signing secret(s), for the two ends that share
 * them (payments-svc and the PSP sandbox). From the environment they never change; from Vault
 * they are re-read when a writer announces a new version (a NOTIFY on PROVIDER_SECRETS_CHANNEL,
 * which ProviderSecretsNotifications turns into `refreshNow()`), and every `refreshMs` (30 s by
 * default) in case an announcement was lost or a writer never made one (an operator with the
 * Vault CLI). A KV entry carries no lease and Vault tells nobody about a write: the
 * announcement is what lets a rotation reach both ends within a second while a cluster at rest
 * reads Vault twice a minute. The overlap of a rotation nobody announces must be longer than
 * twice `refreshMs`, so that neither end ever refuses the other.
 */
export class ProviderSecrets implements OnModuleInit, OnApplicationShutdown {
  private entry?: ProviderSecretEntry;
  private readonly refreshing?: PollingLoop;
  private readonly logger = new Logger('ProviderSecrets');

  private constructor(
    private readonly source?: { vault: VaultClient; refreshMs: number; options: ProviderSecretsOptions },
    fixed?: ProviderSecretEntry,
  ) {
    this.entry = fixed;
    if (source) {
      const interval = { intervalMs: source.refreshMs, errorBackoffMs: source.refreshMs };
      this.refreshing = new PollingLoop(() => this.refresh(source).then(() => false), { name: 'ProviderSecrets', ...interval });
    }
  }

  static fromEnvironment(apiKey: string, webhookSecret: string): ProviderSecrets {
    return new ProviderSecrets(undefined, { api_key: apiKey, webhook_secret: webhookSecret });
  }

  static fromVault(vault: VaultClient, refreshMs: number, options: ProviderSecretsOptions = {}): ProviderSecrets {
    return new ProviderSecrets({ vault, refreshMs, options });
  }

  /**
   * From a validated configuration: Vault's `secret/psp` under SECRETS_PROVIDER=vault, else
   * PSP_API_KEY and PSP_WEBHOOK_SECRET (which the configuration's own schema has checked).
   */
  static from(config: ProviderSecretsConfig, options: ProviderSecretsOptions = {}): ProviderSecrets {
    const access = vaultAccess(config);
    return access
      ? ProviderSecrets.fromVault(new VaultClient(access), config.VAULT_SECRETS_REFRESH_MS, options)
      : ProviderSecrets.fromEnvironment(config.PSP_API_KEY, config.PSP_WEBHOOK_SECRET);
  }

  onModuleInit(): void {
    this.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** True when the secrets come from Vault and may change while the process runs. */
  get changes(): boolean {
    return this.refreshing !== undefined;
  }

  /** Re-reads Vault now rather than at the next fallback read: a writer announced a new version. */
  refreshNow(): void {
    this.refreshing?.wake();
  }

  /** Starts re-reading Vault; the first read is awaited by nothing, so start-up never blocks on Vault. */
  start(): void {
    this.refreshing?.start();
  }

  /** Stops re-reading; a read in flight finishes first. */
  async stop(): Promise<void> {
    await this.refreshing?.stop();
  }

  /** True once the secrets are known. */
  loaded(): boolean {
    return this.entry !== undefined;
  }

  /**
   * The key to call the provider with. The provider re-reads Vault on its own clock, so for a
   * moment after a rotation it may not know the new key yet: the previous key is used for the
   * first half of the overlap, the new one from then on, long before the previous is refused.
   */
  apiKey(): string {
    const entry = this.current();
    const previous = this.inOverlap(entry) ? entry.previous_api_key : undefined;
    return previous && Date.now() < halfwayThroughOverlap(entry) ? previous : entry.api_key;
  }

  /** Keys the provider accepts: the newest, and the previous one during an overlap. */
  apiKeys(): string[] {
    const entry = this.current();
    return this.inOverlap(entry) && entry.previous_api_key ? [entry.api_key, entry.previous_api_key] : [entry.api_key];
  }

  /**
   * Secrets a webhook is signed with, and may be verified with: newest first. The signer signs
   * with each (one `v1=` per secret), so whichever end reads a new version first, the other
   * still understands it.
   */
  webhookSecrets(): string[] {
    const entry = this.current();
    return this.inOverlap(entry) && entry.previous_webhook_secret
      ? [entry.webhook_secret, entry.previous_webhook_secret]
      : [entry.webhook_secret];
  }

  private async refresh(source: NonNullable<typeof this.source>): Promise<void> {
    try {
      const entry = (await source.vault.readSecret(PROVIDER_SECRET_PATH)) as unknown as ProviderSecretEntry;
      const problems = refusals(entry, source.options.refuse);
      // A refused version is never used, not even for one call.
      if (problems.length > 0) (source.options.onRefused ?? exitForConfiguration)(problems);
      else this.entry = entry;
    } catch (error) {
      // Keep the last secrets read: a Vault outage must not stop payments.
      this.logger.warn(`could not refresh the provider secrets: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private current(): ProviderSecretEntry {
    if (!this.entry) {
      throw new AppError('SECRETS.NOT_LOADED', 'The provider secrets have not been read from Vault yet; try again shortly', HttpStatus.SERVICE_UNAVAILABLE);
    }
    return this.entry;
  }

  private inOverlap(entry: ProviderSecretEntry): boolean {
    return entry.previous_valid_until !== undefined && Date.parse(entry.previous_valid_until) > Date.now();
  }
}

/** An entry written without `rotated_at` (by hand, say) has no first half: the new key at once. */
function halfwayThroughOverlap(entry: ProviderSecretEntry): number {
  const end = Date.parse(entry.previous_valid_until ?? '');
  const start = Date.parse(entry.rotated_at ?? '');
  return Number.isNaN(start) || Number.isNaN(end) ? 0 : start + (end - start) / 2;
}

function refusals(entry: ProviderSecretEntry, refuse: ProviderSecretsRefusal | undefined): string[] {
  if (!refuse) return [];
  const refused = refuse({ apiKey: entry.api_key, webhookSecret: entry.webhook_secret });
  return refused.map(
    (name) =>
      `secret/${PROVIDER_SECRET_PATH} ${FIELD[name]}: expected a secret of your own: the sandbox's published default is refused when the provider is not on this machine`,
  );
}

function exitForConfiguration(problems: readonly string[]): void {
  process.stderr.write(`invalid configuration (read from Vault):\n  ${problems.join('\n  ')}\n`);
  process.exit(EX_CONFIG);
}
