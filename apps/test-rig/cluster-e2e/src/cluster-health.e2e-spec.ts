import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { ServiceName } from './support/service-process';
import { ALL_SERVICES, TestCluster } from './support/test-cluster';

/** Which readiness checks each service must report as up. */
const EXPECTED_CHECKS: Record<ServiceName, string[]> = {
  'bff-web': ['broker', 'redis'],
  'checkout-orchestrator': ['database', 'broker'],
  'catalog-svc': ['database', 'broker'],
  'payments-svc': ['database', 'broker'],
  'psp-sandbox': ['database'],
  'vault-sandbox': ['database'], // started only by the secrets specs
};

describe('the whole cluster started from its built bundles', () => {
  let cluster: TestCluster;
  let startedAt: number;
  const readyAfterMs = new Map<ServiceName, number>();

  beforeAll(async () => {
    cluster = await TestCluster.create();
    startedAt = Date.now();
    await Promise.all(
      cluster.startAll().map(async (service) => {
        await service.waitReady(60_000);
        readyAfterMs.set(service.name, Date.now() - startedAt);
      }),
    );
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('has all five services ready within 60 s', () => {
    expect([...readyAfterMs.keys()].sort()).toEqual([...ALL_SERVICES].sort());
    for (const ms of readyAfterMs.values()) expect(ms).toBeLessThan(60_000);
  });

  it.each(ALL_SERVICES)('%s reports each of its dependency checks up on /health/ready', async (name) => {
    const answer = await cluster.service(name).readiness();
    expect(answer?.status).toBe(200);
    expect(answer?.body.status).toBe('ok');
    for (const check of EXPECTED_CHECKS[name]) expect(answer?.body.info?.[check]?.status).toBe('up');
  });

  it.each(ALL_SERVICES)('%s serves Prometheus metrics labelled with its name', async (name) => {
    const response = await fetch(cluster.metricsUrlOf(name));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toContain(`process_cpu_user_seconds_total{service="${name}"}`);
  });

  it.each(ALL_SERVICES)('%s does not say which framework it runs on (no X-Powered-By)', async (name) => {
    const answers = await Promise.all([fetch(`${cluster.urlOf(name)}/health/live`), fetch(`${cluster.urlOf(name)}/no-such-route`)]);
    for (const answer of answers) expect(answer.headers.get('x-powered-by')).toBeNull();
  });

  it('lets only the public edge be reached from beyond this machine', async () => {
    const address = externalAddress();
    // Every machine that runs this suite has a network interface besides loopback (a container's eth0).
    expect(address).toBeDefined();
    const reachable = Object.fromEntries(
      await Promise.all(ALL_SERVICES.map(async (name) => [name, await accepts(address as string, cluster.ports[name])] as const)),
    );
    expect(reachable).toEqual({
      'bff-web': true,
      'checkout-orchestrator': false,
      'catalog-svc': false,
      'payments-svc': false,
      'psp-sandbox': false,
    });
  });
});

function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address;
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}
