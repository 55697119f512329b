import { SANDBOX_PAYMENT_METHODS as PM } from '@checkout/contracts';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CheckoutApi, CheckoutView } from './support/checkout-api';
import { LoadResult, postCheckoutsFor, repeatedEvents, succeededPaymentsByCheckout } from './support/checkout-load';
import { ARTIFACTS_DIR, WORKSPACE_ROOT } from './support/service-process';
import { ALL_SERVICES, TestCluster } from './support/test-cluster';

const run = promisify(execFile);
const SKU = 'TRAVEL-MUG';
const STOCK = 100_000;
const REPLICAS = 2;

/**
 * `npm run restart:rolling` against the cluster run the way `CLUSTER_REPLICAS=2 npm start`
 * runs it: pm2 (a daemon of this test's own, in its own PM2_HOME), scripts/pm2.config.js,
 * cluster mode. Checkouts are posted the whole time the script replaces all ten replicas.
 */
describe('a rolling restart of every replica under load (pm2, 2 replicas of each service)', () => {
  let cluster: TestCluster;
  let api: CheckoutApi;
  let pm2Home: string;
  let load: LoadResult;
  let views: CheckoutView[];
  let restartOutput: string;

  const pm2 = (...args: string[]) =>
    run(process.execPath, [join(WORKSPACE_ROOT, 'node_modules/pm2/bin/pm2'), ...args], { env: { ...process.env, PM2_HOME: pm2Home }, cwd: WORKSPACE_ROOT });

  beforeAll(async () => {
    cluster = await TestCluster.create({ replicas: REPLICAS });
    pm2Home = mkdtempSync(join(tmpdir(), 'pm2-rolling-'));
    // The cluster's apps of scripts/pm2.config.js, pointed at this cluster's database, vhost and
    // ports. Its Vault stand-in, fault proxy and chaos agent stay out: the services here use
    // the static logins of DATABASE_URL, and nothing performs faults.
    process.env.CLUSTER_REPLICAS = String(REPLICAS);
    const { apps } = jest.requireActual(join(WORKSPACE_ROOT, 'scripts/pm2.config.js')) as { apps: Record<string, unknown>[] };
    const ecosystem = join(pm2Home, 'ecosystem.config.js');
    const isClusterService = (name: unknown): name is (typeof ALL_SERVICES)[number] => ALL_SERVICES.includes(name as (typeof ALL_SERVICES)[number]);
    const configured = apps.filter((app) => isClusterService(app.name)).map((app) => {
      const name = app.name as (typeof ALL_SERVICES)[number];
      const overrides = name === 'checkout-orchestrator' ? { PAYMENT_TIMEOUT_SECONDS: '60' } : {};
      return { ...app, out_file: join(pm2Home, `${name}.log`), error_file: join(pm2Home, `${name}.log`), env: { NODE_ENV: 'production', PORT: String(cluster.ports[name]), ...cluster.envFor(name), ...overrides } };
    });
    writeFileSync(ecosystem, `module.exports = ${JSON.stringify({ apps: configured })};\n`);
    await pm2('start', ecosystem);
    for (const name of ALL_SERVICES) await waitReady(cluster.urlOf(name));
    api = new CheckoutApi(cluster);
    await api.setStock(SKU, STOCK);

    const restart = run(process.execPath, [join(WORKSPACE_ROOT, 'scripts/restart-rolling.js')], {
      env: { ...process.env, PM2_HOME: pm2Home },
      cwd: WORKSPACE_ROOT,
    });
    let restarting = true;
    void restart.finally(() => (restarting = false)).catch(() => undefined);
    const results: LoadResult[] = [];
    while (restarting) results.push(await postCheckoutsFor(api, [{ sku: SKU, qty: 1 }], PM.pays, { durationMs: 2000, inFlight: 4 }));
    load = { accepted: results.flatMap((r) => r.accepted), failures: results.flatMap((r) => r.failures) };
    restartOutput = (await restart).stdout;
    views = await Promise.all(load.accepted.map((id) => api.settle(id, (view) => view.final, 180_000)));
    await api.untilSold(views, 60_000);
  }, 600_000);

  afterAll(async () => {
    await pm2('kill').catch(() => undefined);
    // Keep pm2's and the services' logs with the other test artifacts before the home goes.
    cpSync(pm2Home, join(ARTIFACTS_DIR, 'logs', 'rolling-restart'), { recursive: true, filter: (path) => !/\.sock$/.test(path) });
    rmSync(pm2Home, { recursive: true, force: true });
    await cluster?.stop();
  });

  it('restarts every replica of every service, one at a time', () => {
    expect(restartOutput).toContain(`rolling restart done: ${ALL_SERVICES.length * REPLICAS} replicas`);
  });

  it('fails no request meanwhile', () => {
    expect(load.failures).toEqual([]);
    expect(load.accepted.length).toBeGreaterThan(20);
  });

  it('completes every checkout, each transition once, one payment and one unit each', async () => {
    expect(views.filter((view) => view.state !== 'Completed').map((v) => v.checkoutId)).toEqual([]);
    expect(views.flatMap(repeatedEvents)).toEqual([]);
    const payments = await succeededPaymentsByCheckout(cluster.database);
    expect(payments.size).toBe(views.length);
    expect([...payments.values()].every((count) => count === 1)).toBe(true);
    expect(await api.product(SKU)).toMatchObject({ onHand: STOCK - views.length, reserved: 0 });
  });
});

async function waitReady(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${url}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${url} not ready in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
