import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

interface EventSource {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * Keeps a lost connection from killing the process. When Postgres terminates a backend
 * (pg_terminate_backend, a restart) a client in use can emit 'error' twice: the FATAL message,
 * then the closed socket. TypeORM's query runner listens for the first only and then hands
 * the client back; the second, with no listener left, is an uncaught exception. Every client
 * the pool hands out gets a listener of its own here; the request that used it has already
 * been answered 503 by the error filter.
 */
export function absorbConnectionErrors(dataSource: DataSource, logger: Logger): void {
  const pool = (dataSource.driver as unknown as { master?: EventSource }).master;
  if (!pool) return;
  const guarded = new WeakSet<object>();
  pool.on('acquire', (client: EventSource & object) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', (error: Error) => logger.warn(`database connection lost: ${error.message}`));
  });
}
