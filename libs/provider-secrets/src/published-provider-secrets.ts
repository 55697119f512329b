import { equalTo, type PublishedDefault, refusedDefaults } from '@checkout/platform';
import type { ProviderSecretsRefusal, ProviderSecretValues } from './provider-secrets';

const FIELD = { PSP_API_KEY: 'apiKey', PSP_WEBHOOK_SECRET: 'webhookSecret' } as const;

/**
 * The provider's published (sandbox) key and signing secret, refused when the provider named by
 * `server` is not on this machine. Under SECRETS_PROVIDER=vault the two settings are not read:
 * `refusePublishedProviderSecrets` applies the same rules to each version read from Vault.
 */
export function providerSecretDefaults(server: string, published: ProviderSecretValues): PublishedDefault[] {
  return (Object.keys(FIELD) as (keyof typeof FIELD)[]).map((setting) => ({
    setting,
    server,
    isPublished: equalTo(published[FIELD[setting]]),
    appliesWhen: (config) => config.SECRETS_PROVIDER !== 'vault',
  }));
}

/** The same refusal for the secrets read from Vault's KV, with the provider at `serverUrl`. */
export function refusePublishedProviderSecrets(serverUrl: string, published: ProviderSecretValues): ProviderSecretsRefusal {
  const rules = providerSecretDefaults('SERVER', published);
  return (values) =>
    refusedDefaults(rules, { SERVER: serverUrl, PSP_API_KEY: values.apiKey, PSP_WEBHOOK_SECRET: values.webhookSecret }).map(
      (setting) => FIELD[setting as keyof typeof FIELD],
    );
}
