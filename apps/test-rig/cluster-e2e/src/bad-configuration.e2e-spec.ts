import { freePort } from '@checkout/platform/testing';
import { ServiceProcess } from './support/service-process';

/** Exit status for "configuration error" (sysexits EX_CONFIG); pm2 is told not to restart on it. */
const EX_CONFIG = 78;

describe('a service started with a bad environment', () => {
  it.each([
    ['PORT', 'not-a-port', /PORT: expected a TCP port number \(1-65535\) \(got "not-a-port"\)/],
    ['DATABASE_URL', 'mysql://db/x', /DATABASE_URL: expected a URL starting with postgres:\/\/ or postgresql:\/\//],
    ['AMQP_URL', 'localhost', /AMQP_URL: expected a URL starting with amqp:\/\/ or amqps:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: expected debug, info, warn or error/],
    ['METRICS_PORT', '99999', /METRICS_PORT: expected a TCP port number \(1-65535\) \(got "99999"\)/],
  ])('stops at start-up when %s is %s, with one clear message naming it', async (name, value, message) => {
    const service = new ServiceProcess('catalog-svc', await freePort(), { [name]: value }, `bad-env-${name}`);

    const code = await service.exited;

    expect(code).toBe(EX_CONFIG);
    expect(service.logs).toMatch(message);
    expect(service.logs).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("stops at start-up when a replica's metrics port would be past the last port", async () => {
    const env = { METRICS_PORT: '65535', NODE_APP_INSTANCE: '1' };
    const service = new ServiceProcess('catalog-svc', await freePort(), env, 'bad-env-metrics-replica');

    expect(await service.exited).toBe(EX_CONFIG);
    expect(service.logs).toMatch(/METRICS_PORT: 65535 plus replica index 1 is past the last TCP port \(65535\)/);
    expect(service.logs).not.toMatch(/\n\s+at /);
  });

  it('stops the edge at start-up in production when no public origin is set, naming the setting', async () => {
    // ServiceProcess runs every service with NODE_ENV=production, as a deployment does.
    const edge = new ServiceProcess('bff-web', await freePort(), { METRICS_PORT: String(await freePort()) }, 'bad-env-public-origins');

    expect(await edge.exited).toBe(EX_CONFIG);
    expect(edge.logs).toMatch(/PUBLIC_ORIGINS: required with NODE_ENV=production/);
    expect(edge.logs).not.toMatch(/\n\s+at /);
  });
});
