import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

const POLL_MS = 50;

/**
 * Waits until no query runner of `dataSource` is connected (no transaction or query in flight
 * on it), or `timeoutMs` passes. Closing a TypeORM DataSource releases its query runners at once,
 * mid-transaction; this is what lets the old pool's work finish first.
 */
export async function waitUntilIdle(dataSource: DataSource, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const driver = dataSource.driver as PostgresDriver;
  while (Date.now() < deadline) {
    const pool = driver.master as { totalCount: number; idleCount: number } | undefined;
    const busy = driver.connectedQueryRunners.length + (pool ? pool.totalCount - pool.idleCount : 0);
    if (busy === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return false;
}
