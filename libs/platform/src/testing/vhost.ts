import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { TEST_AMQP_URL } from './test-names';

const run = promisify(execFile);
const RABBITMQCTL = (process.env.RABBITMQCTL ?? 'rabbitmqctl').split(' ');

/**
 * A RabbitMQ virtual host of the test's own: its exchanges and queues never meet anyone else's,
 * not even a running cluster's queues of the same name. Returns its AMQP URL.
 */
export async function createVhost(name: string): Promise<string> {
  await rabbitmqctl('add_vhost', name);
  await rabbitmqctl('set_permissions', '-p', name, new URL(TEST_AMQP_URL).username || 'guest', '.*', '.*', '.*');
  return `${TEST_AMQP_URL.replace(/\/$/, '')}/${encodeURIComponent(name)}`;
}

export async function deleteVhost(name: string): Promise<void> {
  await rabbitmqctl('delete_vhost', name).catch(() => undefined);
}

async function rabbitmqctl(...args: string[]): Promise<void> {
  const [command, ...prefix] = RABBITMQCTL;
  await run(command, [...prefix, ...args], { timeout: 30_000 });
}
