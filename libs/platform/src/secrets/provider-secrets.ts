import { HttpStatus, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { vaultAccess, type secretsSettings } from './secrets-settings';
import { VaultClient } from './vault.client';
import type { z } from 'zod';

type ProviderSecretsConfig = z.output<z.ZodObject<ReturnType<typeof secretsSettings>>> & {
  PSP_API_KEY: string;
  PSP_WEBHOOK_SECRET: string;
};

/** Where the provider's secrets live in Vault's KV v2 mount (`secret/data/psp`). */
export const PROVIDER_SECRET_PATH = 'psp';

/**
 * The KV entry's fields. During a rotation's overlap the previous key and signing secret stay
 * valid until `previous_valid_until`; afterwards only the current ones are.
 */
interface ProviderSecretEntry {
  api_key: string;
  webhook_secret: string;
  previous_api_key?: string;
  previous_webhook_secret?: string;
  previous_valid_until?: string;
}

/**
 * The payment provider's API key and webhook signing secret(s), for the two ends that share
 * them (payments-svc and the PSP sandbox). From the environment they never change; from Vault
 * they are re-read every `refreshMs`, so a rotation reaches both ends within that time, and
 * the overlap window (longer than `refreshMs`) means neither end ever refuses the other.
 */
export class ProviderSecrets implements OnModuleInit, OnApplicationShutdown {
  private entry?: ProviderSecretEntry;
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger('ProviderSecrets');

  private constructor(
    private readonly source?: { vault: VaultClient; refreshMs: number },
    fixed?: ProviderSecretEntry,
  ) {
    this.entry = fixed;
  }

  static fromEnvironment(apiKey: string, webhookSecret: string): ProviderSecrets {
    return new ProviderSecrets(undefined, { api_key: apiKey, webhook_secret: webhookSecret });
  }

  static fromVault(vault: VaultClient, refreshMs: number): ProviderSecrets {
    return new ProviderSecrets({ vault, refreshMs });
  }

  /** From a validated configuration: Vault's `secret/psp` under SECRETS_PROVIDER=vault, else PSP_API_KEY and PSP_WEBHOOK_SECRET. */
  static from(config: ProviderSecretsConfig): ProviderSecrets {
    const access = vaultAccess(config);
    return access
      ? ProviderSecrets.fromVault(new VaultClient(access), config.VAULT_SECRETS_REFRESH_MS)
      : ProviderSecrets.fromEnvironment(config.PSP_API_KEY, config.PSP_WEBHOOK_SECRET);
  }

  onModuleInit(): void {
    this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  /** Starts re-reading Vault; the first read is awaited by nothing, so start-up never blocks on Vault. */
  start(): void {
    if (!this.source) return;
    const refresh = async () => {
      try {
        this.entry = (await this.source!.vault.readSecret(PROVIDER_SECRET_PATH)) as unknown as ProviderSecretEntry;
      } catch (error) {
        // Keep the last secrets read: a Vault outage must not stop payments.
        this.logger.warn(`could not refresh the provider secrets: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.timer = setTimeout(() => void refresh(), this.source!.refreshMs);
      this.timer.unref();
    };
    void refresh();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** True once the secrets are known. */
  loaded(): boolean {
    return this.entry !== undefined;
  }

  /** The key to call the provider with: always the newest. */
  apiKey(): string {
    return this.current().api_key;
  }

  /** Keys the provider accepts: the newest, and the previous one during an overlap. */
  apiKeys(): string[] {
    const entry = this.current();
    return this.inOverlap(entry) && entry.previous_api_key ? [entry.api_key, entry.previous_api_key] : [entry.api_key];
  }

  /** Secrets a webhook is signed with, and may be verified with: newest first. */
  webhookSecrets(): string[] {
    const entry = this.current();
    return this.inOverlap(entry) && entry.previous_webhook_secret
      ? [entry.webhook_secret, entry.previous_webhook_secret]
      : [entry.webhook_secret];
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

/**
 * Rotates the provider's API key and webhook signing secret in Vault: writes a new version
 * whose previous values stay valid for `overlapSeconds`. Needs a token allowed to write
 * `secret/data/psp` (the root token of the dev setups). For an operator or a chaos experiment.
 */
export async function rotateProviderSecrets(vault: VaultClient, overlapSeconds: number, next: { apiKey: string; webhookSecret: string }): Promise<void> {
  const current = (await vault.readSecret(PROVIDER_SECRET_PATH)) as unknown as ProviderSecretEntry;
  const entry: ProviderSecretEntry = {
    api_key: next.apiKey,
    webhook_secret: next.webhookSecret,
    previous_api_key: current.api_key,
    previous_webhook_secret: current.webhook_secret,
    previous_valid_until: new Date(Date.now() + overlapSeconds * 1000).toISOString(),
  };
  await vault.writeSecret(PROVIDER_SECRET_PATH, entry as unknown as Record<string, string>);
}
