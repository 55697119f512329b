import type { DatabaseService } from '@checkout/platform';
import { LeaseExpiryWorker } from './lease-expiry.worker';
import type { LeasesService } from './leases.service';

/** Leases in memory: their ends, and the sweeps that looked at them. */
class FakeLeases {
  ends: number[] = [];
  sweeps = 0;
  private listener?: (expiresAt: Date) => void;

  onNewExpiry(listener: (expiresAt: Date) => void) {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  issue(inMs: number) {
    this.ends.push(Date.now() + inMs);
    this.listener?.(new Date(Date.now() + inMs));
  }
  async expireDue() {
    this.sweeps++;
    const before = this.ends.length;
    this.ends = this.ends.filter((end) => end > Date.now());
    return before - this.ends.length;
  }
  async nextExpiry() {
    return this.ends.length ? new Date(Math.min(...this.ends)) : null;
  }
}

describe('the lease expiry sweep', () => {
  let leases: FakeLeases;
  let worker: LeaseExpiryWorker;

  beforeEach(async () => {
    jest.useFakeTimers();
    leases = new FakeLeases();
    worker = new LeaseExpiryWorker({ ready: Promise.resolve() } as unknown as DatabaseService, leases as unknown as LeasesService);
    worker.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
  });

  afterEach(async () => {
    await worker.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('does not poll while no lease is held: one look every 30 s at most', async () => {
    const before = leases.sweeps;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(leases.sweeps - before).toBeLessThanOrEqual(2);
  });

  it('revokes a new lease at its end, woken by the issue rather than a poll', async () => {
    leases.issue(5_000);
    await jest.advanceTimersByTimeAsync(4_999);
    expect(leases.ends).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(leases.ends).toHaveLength(0);
  });

  it('after a sweep, sleeps until the earliest end still held', async () => {
    leases.issue(2_000);
    leases.ends.push(Date.now() + 10_000); // renewed elsewhere, or held from before a restart
    await jest.advanceTimersByTimeAsync(2_000);
    expect(leases.ends).toHaveLength(1);
    const sweeps = leases.sweeps;
    await jest.advanceTimersByTimeAsync(8_000);
    expect(leases.ends).toHaveLength(0);
    expect(leases.sweeps - sweeps).toBe(1);
  });
});
