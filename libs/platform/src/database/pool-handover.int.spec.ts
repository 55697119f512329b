import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { eventually, sleep, TEST_ADMIN_URL } from '../testing';
import { followCurrentPool } from './pool-handover';

// The old pool is full of transactions that outlast its acquire timeout: without the hand-over,
// work queued on it fails with "timeout exceeded when trying to connect" (a retried message).
const POOL_SIZE = 2;
const ACQUIRE_TIMEOUT_MS = 1000;
const LONG_TRANSACTION_S = 2.5;

function pool(name: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: TEST_ADMIN_URL,
    extra: { max: POOL_SIZE, connectionTimeoutMillis: ACQUIRE_TIMEOUT_MS, application_name: name },
  });
}

function checkedOut(dataSource: DataSource): number {
  const master = (dataSource.driver as PostgresDriver).master as { totalCount: number; idleCount: number };
  return master.totalCount - master.idleCount;
}

/** Runs one transaction on `dataSource`; says which pool's connection it ran on and how long it waited for it. */
async function whichPool(dataSource: DataSource): Promise<{ pool: string; waitedMs: number }> {
  const asked = Date.now();
  return dataSource.transaction(async (tx) => {
    const waitedMs = Date.now() - asked;
    const [row] = await tx.query(`SELECT current_setting('application_name') AS pool`);
    return { pool: row.pool as string, waitedMs };
  });
}

describe('handing a retired pool’s waiters to the current pool', () => {
  let old: DataSource;
  let next: DataSource;
  let current: DataSource;
  let retireOld: () => void;

  beforeEach(async () => {
    old = pool('old-login');
    next = pool('new-login');
    current = old;
    retireOld = followCurrentPool(old, () => current);
    followCurrentPool(next, () => current);
    await Promise.all([old.initialize(), next.initialize()]);
  });

  afterEach(async () => {
    await Promise.all([old, next].filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
  });

  async function fillOldPool(): Promise<Promise<unknown>[]> {
    const long = Array.from({ length: POOL_SIZE }, () => old.transaction((tx) => tx.query(`SELECT pg_sleep(${LONG_TRANSACTION_S})`)));
    await eventually(() => checkedOut(old) === POOL_SIZE, 5000, 'the old pool full');
    return long;
  }

  it('serves work queued on the old pool from the new one at once, while the old transactions finish', async () => {
    const long = await fillOldPool();
    const queued = [whichPool(old), whichPool(old)];
    await sleep(100); // both are in the old pool's queue now

    current = next;
    retireOld();

    const served = await Promise.all(queued);
    expect(served.map((s) => s.pool)).toEqual(['new-login', 'new-login']);
    for (const { waitedMs } of served) expect(waitedMs).toBeLessThan(ACQUIRE_TIMEOUT_MS);
    await expect(Promise.all(long)).resolves.toHaveLength(POOL_SIZE); // the old login's transactions were not cut
    // Every connection is back in its own pool: the old pool's late grants were returned, not leaked.
    await eventually(() => checkedOut(old) === 0 && checkedOut(next) === 0, 5000, 'every connection returned');
  });

  it('sends work that still holds the retired DataSource to the current pool', async () => {
    const long = await fillOldPool();
    current = next;
    retireOld();

    const served = await whichPool(old);
    expect(served.pool).toBe('new-login');
    expect(served.waitedMs).toBeLessThan(ACQUIRE_TIMEOUT_MS);
    await Promise.all(long);
  });

  it('leaves a pool that is not retired as it was: a full pool still makes its waiters wait', async () => {
    const long = await fillOldPool();
    await expect(whichPool(old)).rejects.toThrow('timeout exceeded when trying to connect');
    await Promise.all(long);
  });
});
