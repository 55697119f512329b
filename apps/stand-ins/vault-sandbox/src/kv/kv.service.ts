import { HttpStatus, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DatabaseService } from '@checkout/platform';
import { PSP_SECRET_PATH } from '../auth/vault-tokens';
import type { VaultSandboxConfig } from '../config';
import { VaultApiError } from '../http/vault-api.error';
import { VAULT_CONFIG } from '../vault.tokens';
import { KvVersion } from './kv-version.entity';

/** KV version 2 at the `secret/` mount: every write is a new version; reads return the latest. */
@Injectable()
export class KvService implements OnApplicationBootstrap {
  private readonly logger = new Logger('KV');

  constructor(
    @Inject(VAULT_CONFIG) private readonly config: VaultSandboxConfig,
    private readonly database: DatabaseService,
  ) {}

  /** Seeds the provider's secrets once, like the setup script does for the real Vault. */
  onApplicationBootstrap(): void {
    void this.database.ready.then(async () => {
      if (await this.latest(PSP_SECRET_PATH)) return;
      await this.write(PSP_SECRET_PATH, {
        api_key: this.config.PSP_API_KEY,
        webhook_secret: this.config.PSP_WEBHOOK_SECRET,
      }).catch((error) => this.logger.warn(`seeding ${PSP_SECRET_PATH} failed: ${String(error)}`));
    });
  }

  async read(path: string): Promise<KvVersion> {
    const found = await this.latest(path);
    if (!found) throw new VaultApiError(HttpStatus.NOT_FOUND, '');
    return found;
  }

  /** Appends a version; two writers racing for the same number: the loser is told to retry. */
  async write(path: string, data: Record<string, string>): Promise<KvVersion> {
    const version = ((await this.latest(path))?.version ?? 0) + 1;
    const row: KvVersion = { path, version, data, createdAt: new Date() };
    try {
      await this.database.dataSource.getRepository(KvVersion).insert(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new VaultApiError(HttpStatus.BAD_REQUEST, 'check-and-set parameter did not match the current version');
      throw error;
    }
    return row;
  }

  private latest(path: string): Promise<KvVersion | null> {
    return this.database.dataSource.getRepository(KvVersion).findOne({ where: { path }, order: { version: 'DESC' } });
  }
}

function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } })?.driverError;
  return driverError?.code === '23505';
}
