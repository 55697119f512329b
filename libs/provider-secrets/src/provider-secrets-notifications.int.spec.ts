import type { DatabaseService, VaultClient } from '@checkout/platform';
import { eventually, TEST_ADMIN_URL } from '@checkout/platform/testing';
import { Client } from 'pg';
import { ProviderSecrets } from './provider-secrets';
import { announceProviderSecrets, ProviderSecretsNotifications } from './provider-secrets-notifications';

/** KV v2 reduced to the latest version of one path, counting its reads. */
class FakeKv {
  entry: Record<string, string> = { api_key: 'sk_test_old', webhook_secret: 'whsec_old' };
  reads = 0;

  async readSecret(): Promise<Record<string, string>> {
    this.reads++;
    return this.entry;
  }
}

/** What the notifications use of DatabaseService: the current login's URL and the rotation hook. */
const database = { url: TEST_ADMIN_URL, onCredentialsRotated: () => undefined } as unknown as DatabaseService;

describe('provider secrets re-read when a writer announces a new version', () => {
  const kv = new FakeKv();
  // A fallback far beyond the test: only the announcement can bring the new version in time.
  const secrets = ProviderSecrets.fromVault(kv as unknown as VaultClient, 10 * 60_000);
  const notifications = new ProviderSecretsNotifications(secrets, database);
  const writer = new Client({ connectionString: TEST_ADMIN_URL });

  beforeAll(async () => {
    await writer.connect();
    secrets.start();
    notifications.onModuleInit();
    await eventually(async () => secrets.loaded() && kv.reads >= 2, 10_000, 'the first read, and the one after listening began');
  });

  afterAll(async () => {
    await notifications.onApplicationShutdown();
    await secrets.stop();
    await writer.end();
  });

  it('reads the new version at once after NOTIFY, not at the fallback read minutes later', async () => {
    kv.entry = { api_key: 'sk_test_old', webhook_secret: 'whsec_new', previous_webhook_secret: 'whsec_old', previous_valid_until: new Date(Date.now() + 60_000).toISOString() };
    const readsBefore = kv.reads;

    await announceProviderSecrets((sql) => writer.query(sql));

    await eventually(async () => secrets.webhookSecrets()[0] === 'whsec_new', 5_000, 'the announced version read');
    expect(secrets.webhookSecrets()).toEqual(['whsec_new', 'whsec_old']);
    expect(kv.reads).toBe(readsBefore + 1);
  });

  it('listens for nothing when the secrets come from the environment', () => {
    const fixed = ProviderSecrets.fromEnvironment('sk_test_env', 'whsec_env');
    expect(fixed.changes).toBe(false);
    expect(secrets.changes).toBe(true);
  });
});
