import type { VaultClient } from '@checkout/platform';
import { PROVIDER_SECRET_PATH, type ProviderSecretEntry } from './provider-secrets';

// Writing the provider's secrets: what an operator or the chaos agent does, with a token
// allowed to update `secret/data/psp`. The services only read them (ProviderSecrets).

/**
 * Rotates the provider's API key and/or webhook signing secret in Vault: writes a new version
 * whose previous values stay valid for `overlapSeconds`; a value not given is kept, with no
 * overlap. Needs a token allowed to read and update `secret/data/psp`. Returns the version.
 */
export async function rotateProviderSecrets(
  vault: VaultClient,
  overlapSeconds: number,
  next: { apiKey?: string; webhookSecret?: string },
): Promise<number> {
  const current = (await vault.readSecret(PROVIDER_SECRET_PATH)) as unknown as ProviderSecretEntry;
  const now = Date.now();
  const entry: ProviderSecretEntry = {
    api_key: next.apiKey ?? current.api_key,
    webhook_secret: next.webhookSecret ?? current.webhook_secret,
    ...(next.apiKey && { previous_api_key: current.api_key }),
    ...(next.webhookSecret && { previous_webhook_secret: current.webhook_secret }),
    previous_valid_until: new Date(now + overlapSeconds * 1000).toISOString(),
    rotated_at: new Date(now).toISOString(),
  };
  return vault.writeSecret(PROVIDER_SECRET_PATH, entry as unknown as Record<string, string>);
}

/**
 * Ends a webhook signing secret's overlap now: the previous secret is refused from the next
 * read on. Safe because the signer sends a signature per valid secret, so the verifier may stop
 * accepting the old one at any moment. An API key's overlap is never cut short (a caller may
 * still be using the previous key until halfway): such an entry is left to run out by itself.
 * Returns the version written, or undefined when there was nothing to end.
 */
export async function endWebhookSecretOverlap(vault: VaultClient): Promise<number | undefined> {
  const current = (await vault.readSecret(PROVIDER_SECRET_PATH)) as unknown as ProviderSecretEntry;
  const until = Date.parse(current.previous_valid_until ?? '');
  if (!current.previous_webhook_secret || current.previous_api_key || !(until > Date.now())) return undefined;
  const ended: ProviderSecretEntry = { ...current, previous_valid_until: new Date().toISOString() };
  return vault.writeSecret(PROVIDER_SECRET_PATH, ended as unknown as Record<string, string>);
}
