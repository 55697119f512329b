import { HttpStatus } from '@nestjs/common';
import createVaultClient from 'node-vault';
import { AppError } from '../errors/app-error';
import type { VaultAccess } from './secrets-settings';

/** Each Vault call gives up after this long, so a hung Vault looks like a down one. */
const REQUEST_TIMEOUT_MS = 3000;

/** A lease on a dynamic database login (`database/creds/:role`). */
export interface DatabaseLease {
  readonly leaseId: string;
  readonly username: string;
  readonly password: string;
  /** The TTL Vault granted at issue: also what each renewal asks for. */
  readonly ttlSeconds: number;
  /** When the lease ends unless renewed; moved by each renewal. */
  expiresAt: number;
}

/** Vault could not be reached or answered with an error; `status` is Vault's, if it answered. */
export class VaultUnavailableError extends AppError {
  constructor(operation: string, cause: unknown) {
    super('SECRETS.VAULT_UNAVAILABLE', `vault: ${operation} failed: ${reason(cause)}`, HttpStatus.SERVICE_UNAVAILABLE);
  }
}

/**
 * The part of Vault's API the services use, through node-vault, typed. Pointing VAULT_ADDR at
 * a real Vault instead of the local stand-in changes nothing here.
 */
export class VaultClient {
  private readonly client: createVaultClient.client;

  constructor(access: Pick<VaultAccess, 'address' | 'token'>) {
    this.client = createVaultClient({
      endpoint: access.address,
      token: access.token,
      requestOptions: { timeout: REQUEST_TIMEOUT_MS },
    });
  }

  async issueDatabaseLease(role: string): Promise<DatabaseLease> {
    const body = await this.call('issue database credentials', () => this.client.read(`database/creds/${role}`));
    return {
      leaseId: body.lease_id,
      username: body.data.username,
      password: body.data.password,
      ttlSeconds: body.lease_duration,
      expiresAt: Date.now() + body.lease_duration * 1000,
    };
  }

  /** Asks for `incrementSeconds` more; Vault may grant less (max_ttl). Returns what it granted. */
  async renew(leaseId: string, incrementSeconds: number): Promise<number> {
    const body = await this.call('renew lease', () => this.client.renew({ lease_id: leaseId, increment: incrementSeconds }));
    return body.lease_duration;
  }

  async revoke(leaseId: string): Promise<void> {
    await this.call('revoke lease', () => this.client.revoke({ lease_id: leaseId }));
  }

  /** The latest version of a KV v2 secret at `secret/data/<path>`. */
  async readSecret(path: string): Promise<Record<string, string>> {
    const body = await this.call(`read secret/${path}`, () => this.client.read(`secret/data/${path}`));
    return body.data.data;
  }

  /** Writes a new version of a KV v2 secret (needs a token allowed to update the path); returns its version. */
  async writeSecret(path: string, data: Record<string, string>): Promise<number> {
    const body = await this.call(`write secret/${path}`, () => this.client.write(`secret/data/${path}`, { data }));
    return body.data.version;
  }

  private async call<T>(operation: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw new VaultUnavailableError(operation, error);
    }
  }
}

function reason(error: unknown): string {
  const status = (error as { response?: { statusCode?: number } })?.response?.statusCode;
  const message = error instanceof Error ? error.message : String(error);
  return status ? `${status} ${message}` : message;
}
