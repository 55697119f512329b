import { freePort, TcpProxy } from '@checkout/platform/testing';
import { Client } from 'pg';
import { TestCluster } from './support/test-cluster';
import { adminUrlFor, testDatabaseUrl } from './support/test-infrastructure';

const down = (name: string) => (status: number, body: { error?: Record<string, unknown> }) =>
  status === 503 && body.error?.[name] !== undefined;
const up = (status: number) => status === 200;

describe('a service whose dependencies come and go', () => {
  let cluster: TestCluster;
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    cluster = await TestCluster.create();
  });

  afterEach(async () => {
    await Promise.all([...cluster.services.values()].map((service) => service.stop()));
    cluster.services.clear();
    await Promise.all(proxies.splice(0).map((proxy) => proxy.cut()));
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('reports 503 naming the database when Postgres cannot be reached from the start, yet stays live', async () => {
    const nowhere = await freePort();
    const catalog = cluster.start('catalog-svc', {
      DATABASE_URL: testDatabaseUrl('catalog_svc', cluster.database, nowhere),
    });

    const body = await catalog.waitFor(
      (status, answer) => down('database')(status, answer) && answer.info?.broker?.status === 'up',
      30_000,
    );

    expect(body.status).toBe('error');
    expect(body.error?.database?.status).toBe('down');
    expect(body.info?.broker?.status).toBe('up');
    expect((await fetch(`${catalog.url}/health/live`)).status).toBe(200);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|at .*\.js/);
  });

  it('stops promptly on SIGTERM while still waiting for its database', async () => {
    const nowhere = await freePort();
    const orchestrator = cluster.start('checkout-orchestrator', {
      DATABASE_URL: testDatabaseUrl('checkout_svc', cluster.database, nowhere),
    });
    await orchestrator.waitFor(down('database'), 30_000);

    const asked = Date.now();
    await orchestrator.stop('SIGTERM'); // resolves when the process has exited
    // The drain (docs/decisions/0017) ends in a clean exit: nothing was in flight to finish.
    expect(await orchestrator.exited).toBe(0);
    expect(Date.now() - asked).toBeLessThan(10_000);
  });

  it('goes 503 when Postgres drops away and back to 200 by itself when it returns', async () => {
    const proxy = await TcpProxy.start(await freePort(), 5432);
    proxies.push(proxy);
    const catalog = cluster.start('catalog-svc', {
      DATABASE_URL: testDatabaseUrl('catalog_svc', cluster.database, proxy.port),
    });
    await catalog.waitReady();

    await proxy.cut();
    await catalog.waitFor(down('database'), 20_000);

    await proxy.restore();
    const body = await catalog.waitFor(up, 30_000);
    expect(body.info?.database?.status).toBe('up');
  });

  it('stays ready but degraded, naming the broker, while RabbitMQ is away, and is ok again when it returns', async () => {
    const proxy = await TcpProxy.start(await freePort(), 5672);
    proxies.push(proxy);
    const amqp = new URL(cluster.amqpUrl);
    amqp.port = String(proxy.port);
    const catalog = cluster.start('catalog-svc', { AMQP_URL: amqp.toString() });
    await catalog.waitReady();

    await proxy.cut();
    // Its outbox holds what it sends meanwhile: turning it out of readiness would refuse that work.
    const body = await catalog.waitFor((status, answer) => status === 200 && answer.status === 'degraded', 20_000);
    expect(body.error?.broker?.status).toBe('down');
    expect(body.info?.database?.status).toBe('up');

    await proxy.restore();
    await catalog.waitFor((status, answer) => up(status) && answer.status === 'ok', 30_000);
  });

  it('answers 503 with Retry-After, never 500, to requests that need a database it has not reached yet', async () => {
    const nowhere = await freePort();
    const away = (role: string) => ({
      DATABASE_URL: testDatabaseUrl(role, cluster.database, nowhere),
    });
    const orchestrator = cluster.start('checkout-orchestrator', away('checkout_svc'));
    const payments = cluster.start('payments-svc', away('payments_svc'));
    await Promise.all([orchestrator.waitFor(down('database'), 30_000), payments.waitFor(down('database'), 30_000)]);

    const answers = [
      await fetch(`${orchestrator.url}/api/checkouts/7d1c2c44-9a59-4c4e-9f5c-0d6b7b3d1a11`),
      await fetch(`${payments.url}/webhooks/psp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await answer.json()) as { code: string }).code).toBe('DATABASE.UNAVAILABLE');
    }
  });

  it('answers 503 with Retry-After, never 500, while its Postgres backends are being terminated', async () => {
    const orchestrator = cluster.start('checkout-orchestrator');
    await orchestrator.waitReady();
    const admin = new Client({ connectionString: adminUrlFor(cluster.database) });
    await admin.connect();
    const statuses: { status: number; retryAfter: string | null }[] = [];
    let terminating = true;
    const killer = (async () => {
      while (terminating) {
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND usename = 'checkout_svc'",
          [cluster.database],
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const asker = async () => {
      for (let i = 0; i < 60; i++) {
        const answer = await fetch(`${orchestrator.url}/api/checkouts/7d1c2c44-9a59-4c4e-9f5c-0d6b7b3d1a11`);
        statuses.push({ status: answer.status, retryAfter: answer.headers.get('retry-after') });
      }
    };
    try {
      await Promise.all([asker(), asker(), asker(), asker()]);
    } finally {
      terminating = false;
      await killer;
      await admin.end();
    }
    expect(statuses.filter((s) => s.status !== 404 && s.status !== 503)).toEqual([]);
    expect(statuses.filter((s) => s.status === 503 && !s.retryAfter)).toEqual([]);
  });
});
