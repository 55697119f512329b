import type { VaultClient } from '@checkout/platform';
import { endWebhookSecretOverlap, rotateProviderSecrets } from './provider-secret-rotation';
import { ProviderSecrets } from './provider-secrets';

/** KV v2 reduced to what the provider secrets use: the latest version of one path. */
class FakeKv {
  versions: Record<string, string>[] = [{ api_key: 'sk_test_old', webhook_secret: 'whsec_old' }];

  async readSecret(): Promise<Record<string, string>> {
    return this.versions[this.versions.length - 1];
  }

  async writeSecret(_path: string, data: Record<string, string>): Promise<number> {
    this.versions.push(data);
    return this.versions.length;
  }
}

const NEW = { apiKey: 'sk_test_new', webhookSecret: 'whsec_new' };

describe('the provider secrets across a rotation with a 30 s overlap', () => {
  let kv: FakeKv;
  let secrets: ProviderSecrets;
  const vault = () => kv as unknown as VaultClient;

  beforeEach(async () => {
    jest.useFakeTimers();
    kv = new FakeKv();
    secrets = ProviderSecrets.fromVault(vault(), 1000);
    secrets.start();
    await jest.advanceTimersByTimeAsync(0);
  });

  afterEach(async () => {
    await secrets.stop();
    jest.useRealTimers();
  });

  it('uses only the current key and secret before any rotation', () => {
    expect(secrets.apiKey()).toBe('sk_test_old');
    expect(secrets.apiKeys()).toEqual(['sk_test_old']);
    expect(secrets.webhookSecrets()).toEqual(['whsec_old']);
  });

  it('accepts both during the overlap, newest first, once the next refresh has read them', async () => {
    await rotateProviderSecrets(vault(), 30, NEW);
    await jest.advanceTimersByTimeAsync(1000);
    expect(secrets.apiKeys()).toEqual(['sk_test_new', 'sk_test_old']);
    expect(secrets.webhookSecrets()).toEqual(['whsec_new', 'whsec_old']);
  });

  // The provider re-reads Vault on its own clock: a caller that moved to the new key the moment
  // it read it could call a provider that has not read it yet, and be refused (401).
  it('calls with the previous key for the first half of the overlap, and with the new one after it', async () => {
    await rotateProviderSecrets(vault(), 30, NEW);
    await jest.advanceTimersByTimeAsync(14_000);
    expect(secrets.apiKey()).toBe('sk_test_old');
    await jest.advanceTimersByTimeAsync(2_000);
    expect(secrets.apiKey()).toBe('sk_test_new');
  });

  it('refuses the old ones once the overlap is over', async () => {
    await rotateProviderSecrets(vault(), 30, NEW);
    await jest.advanceTimersByTimeAsync(31_000);
    expect(secrets.apiKey()).toBe('sk_test_new');
    expect(secrets.apiKeys()).toEqual(['sk_test_new']);
    expect(secrets.webhookSecrets()).toEqual(['whsec_new']);
  });

  it('rotates the webhook secret alone, leaving the API key as it was', async () => {
    await rotateProviderSecrets(vault(), 30, { webhookSecret: 'whsec_new' });
    await jest.advanceTimersByTimeAsync(1000);
    expect(secrets.apiKeys()).toEqual(['sk_test_old']);
    expect(secrets.webhookSecrets()).toEqual(['whsec_new', 'whsec_old']);
  });

  it('refuses the old webhook secret from the next read once its overlap is ended early', async () => {
    await rotateProviderSecrets(vault(), 30, { webhookSecret: 'whsec_new' });
    await jest.advanceTimersByTimeAsync(5000);
    expect(await endWebhookSecretOverlap(vault())).toBe(3);
    await jest.advanceTimersByTimeAsync(1000);
    expect(secrets.webhookSecrets()).toEqual(['whsec_new']);
    // Nothing left to end: no further version.
    expect(await endWebhookSecretOverlap(vault())).toBeUndefined();
  });

  it('never cuts an API key overlap short: a caller may still be on the previous key', async () => {
    await rotateProviderSecrets(vault(), 30, NEW);
    expect(await endWebhookSecretOverlap(vault())).toBeUndefined();
    expect(kv.versions).toHaveLength(2);
  });

  it('keeps the last secrets it read while Vault is unreachable', async () => {
    kv.readSecret = () => Promise.reject(new Error('ECONNREFUSED'));
    await jest.advanceTimersByTimeAsync(3000);
    expect(secrets.webhookSecrets()).toEqual(['whsec_old']);
  });
});

describe('provider secrets read from Vault that the application refuses', () => {
  afterEach(() => jest.useRealTimers());

  it('are never used, and the refusal names each refused field, never its value', async () => {
    jest.useFakeTimers();
    const kv = new FakeKv();
    const refused: string[][] = [];
    const secrets = ProviderSecrets.fromVault(kv as unknown as VaultClient, 1000, {
      refuse: ({ webhookSecret }) => (webhookSecret === 'whsec_old' ? ['webhookSecret'] : []),
      onRefused: (problems) => void refused.push([...problems]),
    });
    secrets.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toEqual([expect.stringMatching(/^secret\/psp webhook_secret: expected a secret of your own/)]);
    expect(refused[0].join()).not.toContain('whsec_old');
    expect(secrets.loaded()).toBe(false);
    expect(() => secrets.webhookSecrets()).toThrow(/not been read/);
    await secrets.stop();
  });
});
