/**
 * The credentials psp-sandbox and payments-svc share by default. They are published (in this
 * repository, in the README) so that the cluster runs with no setup, which is exactly why
 * neither service may use them once the provider is anything but a sandbox on this machine
 * (`providerSecretDefaults` in libs/platform refuses them there).
 */
export const SANDBOX_CREDENTIALS = {
  apiKey: 'sk_test_sandbox_local_only_0000',
  webhookSecret: 'whsec_sandbox_local_only_0000000000',
} as const;
