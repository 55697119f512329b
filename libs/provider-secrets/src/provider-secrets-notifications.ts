import { DatabaseService, NotificationListener } from '@checkout/platform';
import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PROVIDER_SECRETS_CHANNEL, ProviderSecrets } from './provider-secrets';

/**
 * Listens for a writer's announcement of new provider secrets (PROVIDER_SECRETS_CHANNEL) on the
 * service's own database and re-reads Vault at once. Nothing to do when the secrets come from
 * the environment. While the listening connection is down, the fallback read still comes.
 */
@Injectable()
export class ProviderSecretsNotifications implements OnModuleInit, OnApplicationShutdown {
  private listener?: NotificationListener;

  constructor(
    private readonly secrets: ProviderSecrets,
    private readonly database: DatabaseService,
  ) {}

  onModuleInit(): void {
    if (!this.secrets.changes) return;
    const listener = new NotificationListener(() => this.database.url, PROVIDER_SECRETS_CHANNEL, () => this.secrets.refreshNow());
    // A rotated database login would otherwise cut the connection when the old role goes.
    this.database.onCredentialsRotated(() => listener.reconnect());
    this.listener = listener;
    listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }
}

/**
 * Tells every reader that a new version was written, on a database they all use (the cluster's):
 * `query` is any Postgres session's. Call it after the write has returned.
 */
export async function announceProviderSecrets(query: (sql: string) => Promise<unknown>): Promise<void> {
  await query(`NOTIFY ${PROVIDER_SECRETS_CHANNEL}`);
}
