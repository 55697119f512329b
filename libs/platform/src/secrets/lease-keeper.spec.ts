import { LeaseHolder, LeaseKeeper } from './lease-keeper';
import { DatabaseLease, VaultClient, VaultUnavailableError } from './vault.client';

/** A Vault whose leases last `ttl` seconds and cannot be renewed past `maxTtl` from issue. */
class FakeVault {
  issued: DatabaseLease[] = [];
  revoked: string[] = [];
  renewals = 0;
  reachable = true;
  private readonly issuedAt = new Map<string, number>();

  constructor(
    private readonly ttl: number,
    private readonly maxTtl: number,
  ) {}

  async issueDatabaseLease(role: string): Promise<DatabaseLease> {
    if (!this.reachable) throw new VaultUnavailableError('issue database credentials', new Error('ECONNREFUSED'));
    const n = this.issued.length + 1;
    const lease = { leaseId: `database/creds/${role}/${n}`, username: `v-${role}-${n}`, password: 'p', ttlSeconds: this.ttl, expiresAt: Date.now() + this.ttl * 1000 };
    this.issued.push(lease);
    this.issuedAt.set(lease.leaseId, Date.now());
    return lease;
  }

  async renew(leaseId: string, increment: number): Promise<number> {
    if (!this.reachable) throw new VaultUnavailableError('renew lease', new Error('ECONNREFUSED'));
    this.renewals++;
    const left = (this.issuedAt.get(leaseId)! + this.maxTtl * 1000 - Date.now()) / 1000;
    return Math.min(increment, Math.floor(left));
  }

  async revoke(leaseId: string): Promise<void> {
    this.revoked.push(leaseId);
  }
}

class RecordingHolder implements LeaseHolder {
  adopted: string[] = [];
  retired: string[] = [];
  drainMs = 0;
  refuseNewPools = false;

  async adopt(lease: DatabaseLease): Promise<void> {
    if (this.refuseNewPools) throw new Error('sorry, too many clients already');
    this.adopted.push(lease.username);
  }

  async retire(lease: DatabaseLease): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, this.drainMs));
    this.retired.push(lease.username);
  }
}

describe('a database lease kept by LeaseKeeper', () => {
  let vault: FakeVault;
  let holder: RecordingHolder;
  let keeper: LeaseKeeper;

  const start = async (ttl: number, maxTtl: number) => {
    vault = new FakeVault(ttl, maxTtl);
    holder = new RecordingHolder();
    keeper = new LeaseKeeper(vault as unknown as VaultClient, 'catalog-svc', holder);
    await keeper.start();
  };

  beforeEach(() => jest.useFakeTimers());
  afterEach(async () => {
    // Stopping waits for drains that run on the fake clock: let it run them.
    const stopped = keeper?.stop();
    await jest.runAllTimersAsync();
    await stopped;
    jest.useRealTimers();
  });

  it('is renewed at two thirds of its TTL, not before', async () => {
    await start(30, 3600);
    await jest.advanceTimersByTimeAsync(19_000);
    expect(vault.renewals).toBe(0);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(vault.renewals).toBe(1);
    expect(vault.issued).toHaveLength(1);
  });

  it('is replaced, then revoked, once Vault grants less than the TTL because max_ttl is near', async () => {
    await start(30, 50);
    // Renewals at 20 s (granted 30) and 40 s (granted 10 < 30: rotate).
    await jest.advanceTimersByTimeAsync(40_500);
    expect(holder.adopted).toEqual(['v-catalog-svc-1', 'v-catalog-svc-2']);
    expect(holder.retired).toEqual(['v-catalog-svc-1']);
    expect(vault.revoked).toEqual(['database/creds/catalog-svc/1']);
    expect(keeper.status()).toMatchObject({ username: 'v-catalog-svc-2', rotations: 1 });
  });

  it('takes a new lease when a renewal fails, retrying until Vault is back, before the old one ends', async () => {
    await start(30, 3600);
    vault.reachable = false;
    await jest.advanceTimersByTimeAsync(23_000); // renewal at 20 s fails, and the retries at 21, 22, 23 s
    expect(holder.adopted).toEqual(['v-catalog-svc-1']);
    expect(keeper.status().lastError).toMatch(/^vault: issue database credentials failed/);
    vault.reachable = true;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(holder.adopted).toEqual(['v-catalog-svc-1', 'v-catalog-svc-2']);
    expect(keeper.holdsValidLease()).toBe(true);
  });

  it('keeps renewing the new lease while the old pool is still draining', async () => {
    await start(3, 6);
    holder.drainMs = 10_000;
    await jest.advanceTimersByTimeAsync(4_500); // rotated at 4 s; the old pool drains until 14 s
    expect(holder.adopted).toHaveLength(2);
    expect(holder.retired).toEqual([]);
    const renewalsBefore = vault.renewals;
    await jest.advanceTimersByTimeAsync(2_500); // the new lease's renewal falls due at 6 s
    expect(vault.renewals).toBeGreaterThan(renewalsBefore);
  });

  it('keeps the lease in use alive while a rotation cannot open its new pool', async () => {
    await start(30, 3600);
    holder.refuseNewPools = true;
    await expect(keeper.rotateNow()).rejects.toThrow(/too many clients/);
    await jest.advanceTimersByTimeAsync(60_000); // twice the TTL, rotation retried every second
    expect(keeper.status().username).toBe('v-catalog-svc-1');
    expect(keeper.holdsValidLease()).toBe(true);
    holder.refuseNewPools = false;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(keeper.status().username).not.toBe('v-catalog-svc-1');
  });

  it('revokes its lease when stopped, so the role does not outlive the service', async () => {
    await start(30, 3600);
    await keeper.stop();
    expect(vault.revoked).toEqual(['database/creds/catalog-svc/1']);
  });
});
