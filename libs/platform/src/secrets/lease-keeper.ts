import { HttpStatus, Logger } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { DatabaseLease, VaultClient } from './vault.client';

/** Renew when this much of the lease's time has passed (Vault's own agent renews at ~2/3). */
const RENEW_AT_FRACTION = 2 / 3;
/** After a failed rotation, how soon to try again. */
const RETRY_MS = 1000;

/** What the keeper asks of the credentials' user, the pool owner. */
export interface LeaseHolder {
  /** Starts using `lease` for new work; resolves once new work goes to it. */
  adopt(lease: DatabaseLease): Promise<void>;
  /** Lets work still running on `lease` finish and closes it; the keeper revokes it afterwards. */
  retire(lease: DatabaseLease): Promise<void>;
}

export interface LeaseStatus {
  username?: string;
  leaseSecondsLeft?: number;
  rotations: number;
  lastRotationAt?: string;
  lastError?: string;
}

/**
 * Keeps one database lease alive and replaces it before it ends. Renews at about two thirds
 * of its TTL; once Vault grants less than the TTL (max_ttl is near) or a renewal fails, takes a
 * new lease, hands it to the holder, retires the old one and revokes it. One change at a time:
 * a rotation asked for while another runs waits for it.
 */
export class LeaseKeeper {
  private current?: DatabaseLease;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private queue: Promise<void> = Promise.resolve();
  /** Old leases being drained and revoked: off the queue, so renewals are never held up by a drain. */
  private readonly retiring = new Set<Promise<void>>();
  private rotations = 0;
  private lastRotationAt?: Date;
  private lastError?: string;
  private readonly logger = new Logger('LeaseKeeper');

  constructor(
    private readonly vault: VaultClient,
    private readonly role: string,
    private readonly holder: LeaseHolder,
  ) {}

  /** Takes the first lease and hands it to the holder; throws while Vault cannot be reached. */
  async start(): Promise<void> {
    try {
      const lease = await this.vault.issueDatabaseLease(this.role);
      await this.holder.adopt(lease);
      this.current = lease;
      this.lastError = undefined;
      this.scheduleRenewal(lease);
    } catch (error) {
      this.lastError = message(error);
      throw error;
    }
  }

  /** Replaces the lease now (an operator's or the chaos page's "rotate credentials"); throws if it could not. */
  async rotateNow(): Promise<void> {
    let rotated = false;
    await this.serialised(async () => void (rotated = await this.rotate()));
    if (!rotated) {
      throw new AppError('SECRETS.ROTATION_FAILED', `Could not take a new database login: ${this.lastError}`, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }

  status(): LeaseStatus {
    const lease = this.current;
    return {
      username: lease?.username,
      leaseSecondsLeft: lease ? Math.max(0, Math.round((lease.expiresAt - Date.now()) / 1000)) : undefined,
      rotations: this.rotations,
      lastRotationAt: this.lastRotationAt?.toISOString(),
      lastError: this.lastError,
    };
  }

  /** True while the service holds a lease that has not ended. */
  holdsValidLease(): boolean {
    return this.current !== undefined && this.current.expiresAt > Date.now();
  }

  /** Stops renewing and revokes the lease: a stopped service's role should not outlive it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.queue;
    await Promise.all(this.retiring);
    if (this.current) await this.vault.revoke(this.current.leaseId).catch(() => undefined);
  }

  private scheduleRenewal(lease: DatabaseLease): void {
    this.schedule((lease.expiresAt - Date.now()) * RENEW_AT_FRACTION, () => this.renew(lease));
  }

  private schedule(delayMs: number, step: () => Promise<void>): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.serialised(step), Math.max(0, delayMs));
    this.timer.unref();
  }

  private serialised(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async renew(lease: DatabaseLease): Promise<void> {
    if (this.stopped || lease !== this.current) return;
    try {
      const granted = await this.vault.renew(lease.leaseId, lease.ttlSeconds);
      lease.expiresAt = Date.now() + granted * 1000;
      // Less than asked for means max_ttl is near: the lease cannot be stretched further, so
      // replace it now, while what is left of it covers the old pool's drain.
      if (granted < lease.ttlSeconds) return void (await this.rotate());
      this.scheduleRenewal(lease);
    } catch (error) {
      this.logger.warn(`renewing ${lease.leaseId} failed (${message(error)}); taking a new lease`);
      await this.rotate();
    }
  }

  /** Takes a new lease and hands it over; false (and a retry scheduled) if that failed. */
  private async rotate(): Promise<boolean> {
    if (this.stopped) return false;
    const old = this.current;
    let next: DatabaseLease;
    try {
      next = await this.vault.issueDatabaseLease(this.role);
      await this.holder.adopt(next);
    } catch (error) {
      this.lastError = message(error);
      this.logger.warn(`rotation failed (${this.lastError}); retrying in ${RETRY_MS} ms`);
      // Until a new lease can be had (Vault away, or Postgres refusing new connections), the
      // lease in use must not lapse: a failed rotation would otherwise cost the running pool.
      if (old) await this.keepAlive(old);
      this.schedule(RETRY_MS, () => this.rotate().then(() => undefined));
      return false;
    }
    this.current = next;
    this.rotations++;
    this.lastRotationAt = new Date();
    this.lastError = undefined;
    this.scheduleRenewal(next);
    this.logger.log(`now using ${next.username}${old ? ` (was ${old.username})` : ''}`);
    if (old) this.retireInBackground(old);
    return true;
  }

  private async keepAlive(lease: DatabaseLease): Promise<void> {
    try {
      lease.expiresAt = Date.now() + (await this.vault.renew(lease.leaseId, lease.ttlSeconds)) * 1000;
    } catch {
      // Vault is away too: the retry will try again.
    }
  }

  /**
   * The old pool may take a while to drain; the new lease's renewals must not wait for it.
   * Revoking drops the role and ends any session still using it; best effort, because an
   * unrevoked lease still ends by itself at its expiry.
   */
  private retireInBackground(old: DatabaseLease): void {
    // One last renewal (best effort; Vault caps it at max_ttl) gives the old pool's queued
    // work a full TTL to finish rather than whatever was left of the lease.
    const retiring = this.vault
      .renew(old.leaseId, old.ttlSeconds)
      .catch(() => undefined)
      .then(() => this.holder.retire(old))
      .then(() => this.vault.revoke(old.leaseId))
      .catch((error) => this.logger.warn(`retiring ${old.username} failed: ${message(error)}`))
      .finally(() => this.retiring.delete(retiring));
    this.retiring.add(retiring);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
