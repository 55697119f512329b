import { ProviderSecrets, rotateProviderSecrets } from './provider-secrets';
import type { VaultClient } from './vault.client';

/** KV v2 reduced to what the provider secrets use: the latest version of one path. */
class FakeKv {
  versions: Record<string, string>[] = [{ api_key: 'sk_test_old', webhook_secret: 'whsec_old' }];

  async readSecret(): Promise<Record<string, string>> {
    return this.versions[this.versions.length - 1];
  }

  async writeSecret(_path: string, data: Record<string, string>): Promise<void> {
    this.versions.push(data);
  }
}

describe('the provider secrets across a rotation with a 30 s overlap', () => {
  let kv: FakeKv;
  let secrets: ProviderSecrets;

  beforeEach(async () => {
    jest.useFakeTimers();
    kv = new FakeKv();
    secrets = ProviderSecrets.fromVault(kv as unknown as VaultClient, 1000);
    secrets.start();
    await jest.advanceTimersByTimeAsync(0);
  });

  afterEach(() => {
    secrets.stop();
    jest.useRealTimers();
  });

  it('uses only the current key and secret before any rotation', () => {
    expect(secrets.apiKeys()).toEqual(['sk_test_old']);
    expect(secrets.webhookSecrets()).toEqual(['whsec_old']);
  });

  it('accepts both during the overlap, newest first, once the next refresh has read them', async () => {
    await rotateProviderSecrets(kv as unknown as VaultClient, 30, { apiKey: 'sk_test_new', webhookSecret: 'whsec_new' });
    await jest.advanceTimersByTimeAsync(1000);
    expect(secrets.apiKey()).toBe('sk_test_new');
    expect(secrets.apiKeys()).toEqual(['sk_test_new', 'sk_test_old']);
    expect(secrets.webhookSecrets()).toEqual(['whsec_new', 'whsec_old']);
  });

  it('refuses the old ones once the overlap is over', async () => {
    await rotateProviderSecrets(kv as unknown as VaultClient, 30, { apiKey: 'sk_test_new', webhookSecret: 'whsec_new' });
    await jest.advanceTimersByTimeAsync(31_000);
    expect(secrets.apiKeys()).toEqual(['sk_test_new']);
    expect(secrets.webhookSecrets()).toEqual(['whsec_new']);
  });

  it('keeps the last secrets it read while Vault is unreachable', async () => {
    kv.readSecret = () => Promise.reject(new Error('ECONNREFUSED'));
    await jest.advanceTimersByTimeAsync(3000);
    expect(secrets.webhookSecrets()).toEqual(['whsec_old']);
  });
});
