import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultRoutes } from '../fault-routes/fault-routes';
import { readAck, writeRoutes } from '../fault-routes/routes-file';
import { ReadinessRegistry } from '../health/readiness.registry';
import { eventually, freePort, TcpProxy, TEST_ADMIN_URL } from '../testing';
import { DatabaseService } from './database.service';

const PG_PORT = Number(new URL(TEST_ADMIN_URL).port || 5432);

/**
 * A chaos experiment moves a service's database pool onto its fault-proxy listener and back
 * (docs/decisions/0046). Which way the queries go is seen by cutting the proxy: through it they
 * fail, direct they do not.
 */
describe("a service's database pool moved onto the fault proxy and back", () => {
  let dir: string;
  let proxy: TcpProxy;
  let routes: FaultRoutes;
  let database: DatabaseService;
  let version = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fault-route-db-'));
    proxy = await TcpProxy.start(await freePort(), PG_PORT);
    routes = new FaultRoutes({ dir, service: 'widgets', instance: '0', proxies: { postgres: `127.0.0.1:${proxy.port}` } });
    database = new DatabaseService(
      { url: TEST_ADMIN_URL, schema: 'public', migrateOnStart: false, applicationName: 'fault-route-test', entities: [], migrations: [], poolSize: 3 },
      new ReadinessRegistry(),
      routes,
    );
    routes.onModuleInit();
    database.onModuleInit();
    await database.ready;
  });

  afterAll(async () => {
    routes?.onApplicationShutdown();
    await database?.onApplicationShutdown();
    await proxy?.cut();
    rmSync(dir, { recursive: true, force: true });
  });

  const route = async (proxied: boolean) => {
    version++;
    writeRoutes(dir, { version, proxied: { widgets: proxied ? ['postgres'] : [] } });
    await eventually(() => readAck(dir, 'widgets', '0')?.version === version, 15_000, 'the move');
  };
  const query = () => database.dataSource.query('SELECT 1 AS one');

  it('queries directly at rest: cutting the proxy changes nothing', async () => {
    await query(); // a pooled connection exists
    await proxy.cut();
    await expect(query()).resolves.toEqual([{ one: 1 }]);
    await proxy.restore();
  });

  it('queries through the proxy once moved there: cutting it fails them', async () => {
    await route(true);
    await expect(query()).resolves.toEqual([{ one: 1 }]);
    expect(new URL(database.url).port).toBe(String(proxy.port));
    await proxy.cut();
    await expect(query()).rejects.toThrow();
    await proxy.restore();
    await eventually(async () => (await query().then(() => true, () => false)) || undefined, 10_000, 'queries through the restored proxy');
  });

  it('queries directly again once moved back, with the same login', async () => {
    await route(false);
    expect(new URL(database.url).port).toBe(String(PG_PORT));
    await proxy.cut();
    await expect(query()).resolves.toEqual([{ one: 1 }]);
    await proxy.restore();
  });
});
