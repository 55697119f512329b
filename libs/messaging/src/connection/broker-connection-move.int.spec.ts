import { FaultRoutes, readAck, ReadinessRegistry, writeRoutes } from '@checkout/platform';
import { eventually, freePort, sleep, TcpProxy, TEST_AMQP_URL } from '@checkout/platform/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerConnection } from './broker-connection';

const AMQP_PORT = Number(new URL(TEST_AMQP_URL).port || 5672);

/**
 * A chaos experiment moves a service's broker connection onto its fault-proxy listener and back
 * (docs/decisions/0046). Which way it goes is seen by cutting the proxy: through it the
 * connection drops, direct it stays.
 */
describe("a service's broker connection moved onto the fault proxy and back", () => {
  let dir: string;
  let proxy: TcpProxy;
  let routes: FaultRoutes;
  let broker: BrokerConnection;
  let version = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fault-route-amqp-'));
    proxy = await TcpProxy.start(await freePort(), AMQP_PORT);
    routes = new FaultRoutes({ dir, service: 'widgets', instance: '0', proxies: { rabbitmq: `127.0.0.1:${proxy.port}` } });
    broker = new BrokerConnection({ url: TEST_AMQP_URL, connectionName: 'fault-route-test' }, new ReadinessRegistry(), routes);
    routes.onModuleInit();
    broker.onModuleInit();
    await eventually(() => broker.manager.isConnected(), 10_000, 'connected');
  });

  afterAll(async () => {
    routes?.onApplicationShutdown();
    await broker?.onApplicationShutdown();
    await proxy?.cut();
    rmSync(dir, { recursive: true, force: true });
  });

  const route = async (proxied: boolean) => {
    version++;
    writeRoutes(dir, { version, proxied: { widgets: proxied ? ['rabbitmq'] : [] } });
    await eventually(() => readAck(dir, 'widgets', '0')?.version === version, 20_000, 'the move');
  };
  const ack = () => readAck(dir, 'widgets', '0') ?? { proxied: ['(none yet)'] };

  it('is direct at rest: cutting the proxy leaves it connected', async () => {
    await proxy.cut();
    await sleep(300);
    expect(broker.manager.isConnected()).toBe(true);
    await proxy.restore();
  });

  it('goes through the proxy once moved there: cutting it drops the connection, restoring it brings it back', async () => {
    await route(true);
    expect(ack().proxied).toEqual(['rabbitmq']);
    expect(broker.manager.isConnected()).toBe(true);
    await proxy.cut();
    await eventually(() => !broker.manager.isConnected(), 5000, 'disconnected by the cut');
    await proxy.restore();
    await eventually(() => broker.manager.isConnected(), 10_000, 'reconnected through the proxy');
  });

  it('is direct again once moved back', async () => {
    await route(false);
    expect(ack().proxied).toEqual([]);
    await proxy.cut();
    await sleep(300);
    expect(broker.manager.isConnected()).toBe(true);
    await proxy.restore();
  });
});
