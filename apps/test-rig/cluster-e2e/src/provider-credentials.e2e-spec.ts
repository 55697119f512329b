import { freePort } from '@checkout/platform/testing';
import { ServiceProcess, type ServiceName } from './support/service-process';

/** Exit status for "configuration error" (sysexits EX_CONFIG); pm2 is told not to restart on it. */
const EX_CONFIG = 78;

/**
 * Every login, token and key written in this repository works on a developer machine only: a
 * process given one with its server elsewhere stops at start-up, naming the setting, never the
 * value (docs/decisions/0038).
 */
describe('a published default with its server not on this machine', () => {
  it.each<[ServiceName, Record<string, string>, RegExp, string]>([
    ['payments-svc', { PSP_API_URL: 'https://api.stripe.com' }, /PSP_API_KEY: expected a credential of your own/, 'sk_test_sandbox_local_only'],
    ['psp-sandbox', { PSP_PUBLIC_URL: 'http://psp.example:3004' }, /PSP_WEBHOOK_SECRET: expected a credential of your own/, 'whsec_sandbox_local_only'],
    [
      'checkout-orchestrator',
      { DATABASE_ADMIN_URL: 'postgres://postgres:postgres@db.example:5432/checkout_cluster' },
      /DATABASE_ADMIN_URL: expected a credential of your own: the published default is refused when DATABASE_ADMIN_URL is not on this machine/,
      'postgres:postgres',
    ],
    ['catalog-svc', { AMQP_URL: 'amqp://guest:guest@rabbitmq.example:5672' }, /AMQP_URL: expected a credential of your own/, 'guest:guest'],
    [
      'payments-svc',
      { SECRETS_PROVIDER: 'vault', VAULT_ADDR: 'http://vault.example:8200' },
      /VAULT_TOKEN: expected a credential of your own: the published default is refused when VAULT_ADDR is not on this machine/,
      'hvs.dev-payments-svc',
    ],
  ])('stops %s at start-up with a configuration error (%j)', async (name, env, message, secret) => {
    const service = new ServiceProcess(name, await freePort(), env, `bad-env-published-default-${name}`);

    const code = await service.exited;

    expect(code).toBe(EX_CONFIG);
    expect(service.logs).toMatch(message);
    expect(service.logs).not.toContain(secret);
    expect(service.logs).not.toMatch(/\n\s+at /); // no stack trace
  });
});
