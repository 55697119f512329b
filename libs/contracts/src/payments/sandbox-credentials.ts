/**
 * The credentials psp-sandbox and payments-svc share by default. They are published (in this
 * repository, in the README) so that the cluster runs with no setup, which is exactly why
 * neither service may use them once the provider is anything but a sandbox on this machine.
 */
export const SANDBOX_CREDENTIALS = {
  apiKey: 'sk_test_sandbox_local_only_0000',
  webhookSecret: 'whsec_sandbox_local_only_0000000000',
} as const;

/** True for a URL whose host is this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackUrl(value: string): boolean {
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The variables (of the two given) that still hold a published sandbox default although the
 * provider at `providerUrl` is not on this machine: each must be refused at start-up.
 */
export function publishedSandboxSecretsIn(
  providerUrl: string,
  settings: { readonly apiKey: string; readonly webhookSecret: string },
): ('apiKey' | 'webhookSecret')[] {
  if (isLoopbackUrl(providerUrl)) return [];
  return (['apiKey', 'webhookSecret'] as const).filter((name) => settings[name] === SANDBOX_CREDENTIALS[name]);
}
