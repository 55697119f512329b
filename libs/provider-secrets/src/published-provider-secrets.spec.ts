import { ConfigValidationError, loadConfig, refusePublishedDefaults, secretsSettings } from '@checkout/platform';
import { z } from 'zod';
import { providerSecretDefaults, refusePublishedProviderSecrets } from './published-provider-secrets';

const SANDBOX = { apiKey: 'sk_test_sandbox_local_only_0000', webhookSecret: 'whsec_sandbox_local_only_0000000000' };

/** A provider client's schema as payments-svc builds it: where the provider is, its secrets, and their refusal. */
const schema = z
  .object({
    ...secretsSettings('payments-svc'),
    PSP_API_URL: z.string().default('http://127.0.0.1:3004'),
    PSP_API_KEY: z.string().default(SANDBOX.apiKey),
    PSP_WEBHOOK_SECRET: z.string().default(SANDBOX.webhookSecret),
  })
  .superRefine(refusePublishedDefaults(providerSecretDefaults('PSP_API_URL', SANDBOX)));

/** The configuration error's message, or undefined when the environment is accepted. */
function refusal(source: NodeJS.ProcessEnv): string | undefined {
  try {
    loadConfig(schema, source);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.message;
    throw error;
  }
}

describe('provider secrets from the environment', () => {
  it('accepts the published ones towards a sandbox on this machine', () => {
    expect(refusal({})).toBeUndefined();
  });

  it.each([
    ['PSP_API_KEY', { PSP_API_URL: 'https://api.stripe.com', PSP_WEBHOOK_SECRET: 'whsec_of_my_own_0000000' }, SANDBOX.apiKey],
    ['PSP_WEBHOOK_SECRET', { PSP_API_URL: 'https://api.stripe.com', PSP_API_KEY: 'sk_test_of_my_own_000000' }, SANDBOX.webhookSecret],
  ])('refuses %s when the provider is elsewhere, naming the setting and never its value', (setting, source, secret) => {
    const message = refusal(source as NodeJS.ProcessEnv);
    expect(message).toMatch(new RegExp(`${setting}: expected a credential of your own: the published default is refused when \\w+ is not on this machine`));
    expect(message?.split('\n')).toHaveLength(2); // only that setting
    expect(message).not.toContain(secret);
  });

  it('does not refuse settings that are not read: PSP_* under Vault', () => {
    expect(refusal({ SECRETS_PROVIDER: 'vault', VAULT_ADDR: 'http://127.0.0.1:8200', PSP_API_URL: 'https://api.stripe.com' })).toBeUndefined();
  });
});

describe('provider secrets read from Vault', () => {
  it('refuses the published ones when the provider is elsewhere, naming each', () => {
    expect(refusePublishedProviderSecrets('https://api.stripe.com', SANDBOX)(SANDBOX)).toEqual(['apiKey', 'webhookSecret']);
    expect(refusePublishedProviderSecrets('https://api.stripe.com', SANDBOX)({ ...SANDBOX, apiKey: 'sk_test_mine' })).toEqual(['webhookSecret']);
  });

  it('allows them towards a sandbox on this machine', () => {
    expect(refusePublishedProviderSecrets('http://127.0.0.1:3004', SANDBOX)(SANDBOX)).toEqual([]);
  });
});
