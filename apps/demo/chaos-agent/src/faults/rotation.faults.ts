import { VaultClient } from '@checkout/platform';
import { announceProviderSecrets, endWebhookSecretOverlap, rotateProviderSecrets } from '@checkout/provider-secrets';
import { Client } from 'pg';
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
 * `boundSeconds`. The secret itself is never part of the evidence. Each write is announced on
 * the cluster's database (`databaseUrl`, the agent's own login), so both ends re-read Vault at
 * once rather than at their fallback read.
 */
export function rotateWebhookSecret(
  vault: VaultClient,
  services: Readonly<Record<string, string>>,
  boundSeconds: number,
  databaseUrl: string,
): Fault {
  const announce = () => withClient(databaseUrl, (client) => announceProviderSecrets((sql) => client.query(sql)));
  return {
    kind: 'rotate-webhook-secret',
    async inject() {
      const [retriedBefore, rejectedBefore] = await Promise.all([messagesRetriedOrDeadLettered(services), webhooksRejected(services)]);
      const secretVersion = await rotateProviderSecrets(vault, boundSeconds, { webhookSecret: `whsec_${randomBytes(24).toString('base64url')}` });
      await announce();
      return { secretVersion, messagesRetriedBefore: retriedBefore, webhooksRejectedBefore: rejectedBefore };
    },
    async revert() {
      if ((await endWebhookSecretOverlap(vault)) !== undefined) await announce();
    },
  };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'chaos-agent', connectionTimeoutMillis: ROTATE_TIMEOUT_MS });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
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
