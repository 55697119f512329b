import { randomBytes } from 'node:crypto';

/** A name no other test run uses: for databases, queues, exchanges and virtual hosts. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export const TEST_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
export const TEST_AMQP_URL = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';

/** A Postgres URL on the test server for `user` (password = user name) and `database`. */
export function testDatabaseUrl(user: string, database: string, port?: number): string {
  const url = new URL(TEST_ADMIN_URL);
  url.username = user;
  url.password = user;
  url.pathname = `/${database}`;
  if (port) url.port = String(port);
  return url.toString();
}

/** The admin URL pointed at `database` (and optionally another port, e.g. a proxy's). */
export function testAdminUrl(database: string, port?: number): string {
  const url = new URL(TEST_ADMIN_URL);
  url.pathname = `/${database}`;
  if (port) url.port = String(port);
  return url.toString();
}
