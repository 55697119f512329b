import { VaultClient } from '@checkout/platform';
import { endWebhookSecretOverlap, rotateProviderSecrets } from '@checkout/provider-secrets';
import { randomBytes } from 'node:crypto';
import type { ChaosAgentConfig } from '../chaos-agent.config';
import { WITH_DATABASE } from '../experiments/experiment-catalogue';
import type { Fault } from './fault';
import { messagesRetriedOrDeadLettered, webhooksRejected } from './service-counters';

/** A rotation waits for the new pool to open and warm up: seconds, on a busy machine. */
const ROTATE_TIMEOUT_MS = 20_000;

interface LoginStatus {
  provider: 'vault' | 'env';
  lease: { username?: string } | null;
}

/**
 * Every service with a database login takes a new one now, through its own operator endpoint
 * (`POST /ops/credentials/rotate` on its loopback port): the agent asks, and the service moves
 * exactly as its lease keeper does before max_ttl (docs/decisions/0020). The agent never sees a
 * password and holds no Vault token that could issue or revoke a login. Nothing to revert: each
 * service drops its old login once the old pool has drained, which the verdict checks.
 */
export function rotateCredentials(services: Readonly<Record<string, string>>): Fault {
  return {
    kind: 'rotate-credentials',
    async inject() {
      const before = await messagesRetriedOrDeadLettered(services);
      const leased = WITH_DATABASE.filter((name) => services[name]);
      const rotated = await Promise.all(leased.map((name) => rotateLogin(name, services[name])));
      return {
        servicesRotated: rotated.length,
        retiredLogins: rotated.map(({ retired }) => retired).join(','),
        newLogins: rotated.map(({ adopted }) => adopted).join(','),
        messagesRetriedBefore: before,
      };
    },
    revert: async () => undefined,
  };
}

async function rotateLogin(name: string, url: string): Promise<{ retired: string; adopted: string }> {
  const before = await json<LoginStatus>(`${url}/ops/credentials`);
  if (before.provider !== 'vault' || !before.lease?.username) throw new Error(`${name} holds no leased login to rotate`);
  const after = await json<{ username?: string }>(`${url}/ops/credentials/rotate`, { method: 'POST' });
  return { retired: before.lease.username, adopted: after.username ?? '' };
}

/**
 * A new webhook signing secret, written to Vault's KV with the agent's own token (its policy:
 * read and update `secret/data/psp`, nothing else). Until the revert ends the overlap, the PSP
 * signs every webhook with both secrets and payments accepts either; from then on the old one
 * is refused. Should the agent never come back to revert, the overlap ends by itself after
 * `boundSeconds`. The secret itself is never part of the evidence.
 */
export function rotateWebhookSecret(vault: VaultClient, services: Readonly<Record<string, string>>, boundSeconds: number): Fault {
  return {
    kind: 'rotate-webhook-secret',
    async inject() {
      const [retriedBefore, rejectedBefore] = await Promise.all([messagesRetriedOrDeadLettered(services), webhooksRejected(services)]);
      const secretVersion = await rotateProviderSecrets(vault, boundSeconds, { webhookSecret: `whsec_${randomBytes(24).toString('base64url')}` });
      return { secretVersion, messagesRetriedBefore: retriedBefore, webhooksRejectedBefore: rejectedBefore };
    },
    async revert() {
      await endWebhookSecretOverlap(vault);
    },
  };
}

/** The agent's own Vault login (VAULT_TOKEN), for the one secret it may rotate. */
export function agentVault(config: Pick<ChaosAgentConfig, 'VAULT_ADDR' | 'VAULT_TOKEN'>): VaultClient {
  return new VaultClient({ address: config.VAULT_ADDR, token: config.VAULT_TOKEN });
}

async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(ROTATE_TIMEOUT_MS) });
  const body = (await response.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
  if (!response.ok || body === null) throw new Error(`${url} answered ${response.status} ${body?.code ?? ''} ${body?.message ?? ''}`.trim());
  return body;
}
