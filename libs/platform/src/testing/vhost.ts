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
  const user = new URL(TEST_AMQP_URL).username || 'guest';
  if (!/^[\w.-]+$/.test(name) || !/^[\w.-]+$/.test(user)) throw new Error(`not a plain vhost or user name: ${name}, ${user}`);
  // Each rabbitmqctl is an Erlang VM's start, about half a second of CPU, and the suite makes a
  // vhost for every cluster and most integration specs: the vhost and its permissions in one
  // `eval` of the broker's own functions (3.10 and later), or, should those differ, the two
  // documented commands.
  const added = await rabbitmqctl(
    'eval',
    `rabbit_vhost:add(<<"${name}">>, <<"tests">>), rabbit_auth_backend_internal:set_permissions(<<"${user}">>, <<"${name}">>, <<".*">>, <<".*">>, <<".*">>, <<"tests">>).`,
  ).catch(() => '');
  if (added.trim() !== 'ok') {
    await rabbitmqctl('add_vhost', name).catch((error: { stderr?: string }) => {
      if (!/already exists/.test(error.stderr ?? '')) throw error;
    });
    await rabbitmqctl('set_permissions', '-p', name, user, '.*', '.*', '.*');
  }
  return `${TEST_AMQP_URL.replace(/\/$/, '')}/${encodeURIComponent(name)}`;
}

export async function deleteVhost(name: string): Promise<void> {
  await rabbitmqctl('delete_vhost', name).catch(() => undefined);
}

async function rabbitmqctl(...args: string[]): Promise<string> {
  const [command, ...prefix] = RABBITMQCTL;
  return (await run(command, [...prefix, ...args], { timeout: 30_000 })).stdout;
}
