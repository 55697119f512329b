import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
export { dropTestDatabase as dropDatabase, uniqueName } from '@checkout/platform/testing';

const run = promisify(execFile);

export const ADMIN_URL = process.env.E2E_DATABASE_ADMIN_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
export const AMQP_BASE_URL = process.env.E2E_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RABBITMQCTL = (process.env.RABBITMQCTL ?? 'rabbitmqctl').split(' ');

export function databaseUrl(user: string, password: string, database: string, port = 5432): string {
  return `postgres://${user}:${password}@127.0.0.1:${port}/${database}`;
}

export function adminUrlFor(database: string, port = 5432): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  url.port = String(port);
  return url.toString();
}

/** A RabbitMQ virtual host of the test's own: its exchanges and queues never meet anyone else's. */
export async function createVhost(name: string): Promise<string> {
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, new URL(AMQP_BASE_URL).username || 'guest', '.*', '.*', '.*');
  return `${AMQP_BASE_URL.replace(/\/$/, '')}/${encodeURIComponent(name)}`;
}

export async function deleteVhost(name: string): Promise<void> {
  await rabbitmqctl('delete_vhost', name).catch(() => undefined);
}

async function rabbitmqctl(...args: string[]): Promise<void> {
  const [command, ...prefix] = RABBITMQCTL;
  await run(command, [...prefix, ...args], { timeout: 30_000 });
}
