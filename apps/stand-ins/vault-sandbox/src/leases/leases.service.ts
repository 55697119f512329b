import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { DatabaseService } from '@checkout/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { LessThanOrEqual } from 'typeorm';
import type { VaultSandboxConfig } from '../config';
import { VaultApiError } from '../http/vault-api.error';
import { VAULT_CONFIG } from '../vault.tokens';
import { Lease } from './lease.entity';
import { PostgresRoles } from './postgres-roles';

export interface IssuedCredentials {
  leaseId: string;
  leaseDurationSeconds: number;
  username: string;
  password: string;
}

/** Postgres role names are at most 63 bytes; Vault truncates its generated names the same way. */
const MAX_ROLE_NAME = 63;

/** Dynamic database credentials: issue, renew (capped at max_ttl), revoke, expire. */
@Injectable()
export class LeasesService {
  private readonly logger = new Logger('Leases');
  private readonly expiryListeners = new Set<(expiresAt: Date) => void>();

  constructor(
    @Inject(VAULT_CONFIG) private readonly config: VaultSandboxConfig,
    private readonly database: DatabaseService,
    private readonly roles: PostgresRoles,
  ) {}

  /** Told each new lease's end, so the expiry sweep can wake for it (LeaseExpiryWorker). */
  onNewExpiry(listener: (expiresAt: Date) => void): () => void {
    this.expiryListeners.add(listener);
    return () => this.expiryListeners.delete(listener);
  }

  /** The earliest end of a lease still held, or null when none is. */
  async nextExpiry(): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await this.database.dataSource.query('SELECT min(expires_at) AS at FROM vault.leases');
    return row?.at ?? null;
  }

  async issue(role: string): Promise<IssuedCredentials> {
    const groupRole = this.config.VAULT_DB_ROLES.get(role);
    if (!groupRole) throw new VaultApiError(HttpStatus.BAD_REQUEST, `unknown role: ${role}`);
    const now = new Date();
    const ttl = this.config.VAULT_DB_DEFAULT_TTL_SECONDS;
    const lease: Lease = {
      leaseId: `database/creds/${role}/${randomUUID()}`,
      role,
      username: `v-${role}-${randomBytes(5).toString('hex')}-${Math.floor(now.getTime() / 1000)}`.slice(0, MAX_ROLE_NAME),
      issuedAt: now,
      expiresAt: secondsAfter(now, Math.min(ttl, this.config.VAULT_DB_MAX_TTL_SECONDS)),
      maxExpiresAt: secondsAfter(now, this.config.VAULT_DB_MAX_TTL_SECONDS),
    };
    // The row first: if the stand-in dies right after CREATE ROLE, the expiry sweep still
    // finds the role through its row and drops it. The reverse order could leak a login.
    await this.leases().insert(lease);
    const password = `A1a-${randomBytes(24).toString('base64url')}`;
    try {
      await this.roles.create(lease.username, password, lease.expiresAt, groupRole);
    } catch (error) {
      await this.leases().delete({ leaseId: lease.leaseId });
      throw error;
    }
    this.logger.log(`issued ${lease.leaseId} as ${lease.username}`);
    for (const listener of this.expiryListeners) listener(lease.expiresAt);
    return { leaseId: lease.leaseId, leaseDurationSeconds: secondsBetween(now, lease.expiresAt), username: lease.username, password };
  }

  /** Extends by `increment` (default: the role's TTL), never past max_ttl; returns the seconds granted. */
  async renew(leaseId: string, increment: number | undefined): Promise<number> {
    const lease = await this.leases().findOneBy({ leaseId });
    const now = new Date();
    if (!lease || lease.expiresAt <= now) throw new VaultApiError(HttpStatus.BAD_REQUEST, 'lease not found or lease is not renewable');
    const wanted = secondsAfter(now, increment ?? this.config.VAULT_DB_DEFAULT_TTL_SECONDS);
    const expiresAt = wanted < lease.maxExpiresAt ? wanted : lease.maxExpiresAt;
    // Postgres refuses new logins past VALID UNTIL even if the stand-in is down; sessions
    // already open are ended by the expiry sweep.
    await this.roles.extend(lease.username, expiresAt);
    await this.leases().update({ leaseId }, { expiresAt });
    return secondsBetween(now, expiresAt);
  }

  /** Idempotent, as Vault's is: revoking an unknown or already revoked lease succeeds. */
  async revoke(leaseId: string): Promise<void> {
    const lease = await this.leases().findOneBy({ leaseId });
    if (!lease) return;
    await this.roles.drop(lease.username);
    await this.leases().delete({ leaseId });
    this.logger.log(`revoked ${leaseId}; role ${lease.username} dropped`);
  }

  /** Revokes every lease past its end (not renewed in time, or at max_ttl). */
  async expireDue(): Promise<number> {
    const due = await this.leases().findBy({ expiresAt: LessThanOrEqual(new Date()) });
    for (const lease of due) await this.revoke(lease.leaseId);
    return due.length;
  }

  private leases() {
    return this.database.dataSource.getRepository(Lease);
  }
}

function secondsAfter(from: Date, seconds: number): Date {
  return new Date(from.getTime() + seconds * 1000);
}

function secondsBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}
