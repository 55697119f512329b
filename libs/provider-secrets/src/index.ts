export {
  ProviderSecrets,
  PROVIDER_SECRET_PATH,
  PROVIDER_SECRETS_CHANNEL,
  type ProviderSecretsOptions,
  type ProviderSecretsRefusal,
  type ProviderSecretValues,
} from './provider-secrets';
export { rotateProviderSecrets, endWebhookSecretOverlap } from './provider-secret-rotation';
export { announceProviderSecrets, ProviderSecretsNotifications } from './provider-secrets-notifications';
export { providerSecretDefaults, refusePublishedProviderSecrets } from './published-provider-secrets';
