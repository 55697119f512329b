import { freePort, TcpProxy } from '@checkout/platform/testing';
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
      DATABASE_ADMIN_URL: adminUrlFor(cluster.database, nowhere),
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
      DATABASE_ADMIN_URL: adminUrlFor(cluster.database, nowhere),
    });
    await orchestrator.waitFor(down('database'), 30_000);

    const asked = Date.now();
    await orchestrator.stop('SIGTERM'); // resolves when the process has exited
    // Nest re-raises the signal after its shutdown hooks, so the exit is "by SIGTERM", not a code.
    expect(await orchestrator.exited).toBeNull();
    expect(Date.now() - asked).toBeLessThan(10_000);
  });

  it('goes 503 when Postgres drops away and back to 200 by itself when it returns', async () => {
    const proxy = await TcpProxy.start(await freePort(), 5432);
    proxies.push(proxy);
    const catalog = cluster.start('catalog-svc', {
      DATABASE_URL: testDatabaseUrl('catalog_svc', cluster.database, proxy.port),
      DATABASE_ADMIN_URL: adminUrlFor(cluster.database, proxy.port),
    });
    await catalog.waitReady();

    await proxy.cut();
    await catalog.waitFor(down('database'), 20_000);

    await proxy.restore();
    const body = await catalog.waitFor(up, 30_000);
    expect(body.info?.database?.status).toBe('up');
  });

  it('goes 503 when RabbitMQ drops away and back to 200 by itself when it returns', async () => {
    const proxy = await TcpProxy.start(await freePort(), 5672);
    proxies.push(proxy);
    const amqp = new URL(cluster.amqpUrl);
    amqp.port = String(proxy.port);
    const catalog = cluster.start('catalog-svc', { AMQP_URL: amqp.toString() });
    await catalog.waitReady();

    await proxy.cut();
    const body = await catalog.waitFor(down('broker'), 20_000);
    expect(body.info?.database?.status).toBe('up');

    await proxy.restore();
    await catalog.waitFor(up, 30_000);
  });
});
