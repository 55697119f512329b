import { freePort } from '@checkout/platform/testing';
import { ServiceProcess, type ServiceName } from './support/service-process';

/** Exit status for "configuration error" (sysexits EX_CONFIG); pm2 is told not to restart on it. */
const EX_CONFIG = 78;

describe("the sandbox's published credentials with a provider that is not on this machine", () => {
  it.each<[ServiceName, Record<string, string>, RegExp]>([
    ['payments-svc', { PSP_API_URL: 'https://api.stripe.com' }, /PSP_API_KEY: expected a secret of your own/],
    ['psp-sandbox', { PSP_PUBLIC_URL: 'http://psp.example:3004' }, /PSP_WEBHOOK_SECRET: expected a secret of your own/],
  ])('stop %s at start-up with a configuration error', async (name, env, message) => {
    const service = new ServiceProcess(name, await freePort(), env, `bad-env-published-secrets-${name}`);

    const code = await service.exited;

    expect(code).toBe(EX_CONFIG);
    expect(service.logs).toMatch(message);
    expect(service.logs).not.toMatch(/\n\s+at /); // no stack trace
  });
});
