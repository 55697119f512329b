export {
  ProviderSecrets,
  PROVIDER_SECRET_PATH,
  type ProviderSecretsOptions,
  type ProviderSecretsRefusal,
  type ProviderSecretValues,
} from './provider-secrets';
export { rotateProviderSecrets, endWebhookSecretOverlap } from './provider-secret-rotation';
export { providerSecretDefaults, refusePublishedProviderSecrets } from './published-provider-secrets';
