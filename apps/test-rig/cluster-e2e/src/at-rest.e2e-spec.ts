import type { LiveLoadState, TimelineSample } from '@checkout/contracts/views';
import { sleep, testAdminUrl } from '@checkout/platform/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { WORKSPACE_ROOT } from './support/service-process';
import { readEvents } from './support/sse-client';
import { SupervisedCluster } from './support/supervised-cluster';
import { ALL_SERVICES } from './support/test-cluster';
import { testDatabaseUrl } from './support/test-infrastructure';
import { TestPrometheus } from './support/test-prometheus';
// The stand-in's defaults are what this spec measures; reading them from its schema keeps the two one.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { loadVaultSandboxConfig } from '../../../stand-ins/vault-sandbox/src/config';

const run = promisify(execFile);
/** After start-up's own work (migrations, first scans, the first scrapes) has settled. */
const SETTLE_MS = 20_000;
/** Two scrapes and two heartbeats of every connection: enough to count wake-ups, and half the wait of a minute. */
const MEASURE_SECONDS = 30;
/**
 * Guards, not the target (2 % of a core). CPU time depends on the machine's speed that day: the
 * same code measured 1.2–1.7 % on one day and 3.6–4.2 % on a slower one, every process alike, so
 * the CPU bound only catches a gross regression. How often the cluster's own processes are woken
 * does not depend on the machine: 30–39 times a second here at rest (pm2's probes, scrapes,
 * heartbeats), 2–8 for any one process. A poll every 100 ms with a query in one process adds
 * 10–20 to that process; timers in every process add to the total.
 */
const MAX_PERCENT = 6;
const MAX_WAKEUPS_PER_SECOND = 60;
const MAX_WAKEUPS_PER_SECOND_OF_ONE_PROCESS = 15;

/** The Vault stand-in's lease defaults, read from its own configuration: `npm start` runs it so. */
const VAULT_DEFAULTS = loadVaultSandboxConfig({});
const NPM_START_LEASES = { defaultSeconds: VAULT_DEFAULTS.VAULT_DB_DEFAULT_TTL_SECONDS, maxSeconds: VAULT_DEFAULTS.VAULT_DB_MAX_TTL_SECONDS };

/**
 * The whole cluster as `npm start` runs it (pm2, fault proxy, chaos agent with its live load
 * at 5 a second, logins leased from the Vault stand-in) and a Prometheus of its own scraping it: nobody watches, so nothing runs;
 * scripts/idle-cpu.js measures what it costs then (the line CI prints); and a chaos page's live
 * stream starts the live load. The two-minute rule is LoadDemand's unit test, in fake time.
 */
describe('the cluster at rest, and its live load on demand', () => {
  let cluster: SupervisedCluster;
  let prometheus: TestPrometheus;

  beforeAll(async () => {
    cluster = await SupervisedCluster.create({ liveLoadPerSecond: 5, vault: NPM_START_LEASES });
    prometheus = await TestPrometheus.start(cluster.base.scrapeTargets(ALL_SERVICES));
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
    await cluster?.stop();
  });

  const checkouts = async (): Promise<number> => {
    const client = new Client({ connectionString: testDatabaseUrl('chaos_audit', cluster.base.database) });
    await client.connect();
    try {
      return (await client.query<{ count: number }>('SELECT count(*)::int AS count FROM checkout.checkouts')).rows[0].count;
    } finally {
      await client.end();
    }
  };

  it('starts no live load and samples nothing while nobody watches', async () => {
    await sleep(5_000);
    const timeline = (await (await fetch(`${cluster.agentUrl}/timeline`)).json()) as { samples: TimelineSample[] };

    expect(timeline.samples).toEqual([]);
    expect(await checkouts()).toBe(0);
  });

  it(
    'measures what the cluster costs at rest (scripts/idle-cpu.js, printed for CI)',
    async () => {
      await sleep(SETTLE_MS);
      const args = [join(WORKSPACE_ROOT, 'scripts/idle-cpu.js'), '--seconds', String(MEASURE_SECONDS), '--database', cluster.base.database];
      const env = { ...process.env, PM2_HOME: cluster.pm2Home, DATABASE_ADMIN_URL: testAdminUrl('postgres') };
      const vault = ['--also', `vault-sandbox=${cluster.vaultProcess?.pid}`];
      const { stdout } = await run(process.execPath, [...args, '--prometheus-pid', String(prometheus.pid), ...vault], { env, timeout: (MEASURE_SECONDS + 30) * 1000 });
      console.log(stdout);

      const total = /^idle cpu \(all processes\): (\d+\.\d\d) % of one core$/m.exec(stdout);
      expect(total).not.toBeNull();
      expect(Number(total?.[1])).toBeLessThanOrEqual(MAX_PERCENT);
      const woken = /^wake-ups \(cluster processes\): (\d+\.\d) a second$/m.exec(stdout);
      expect(woken).not.toBeNull();
      expect(Number(woken?.[1])).toBeLessThanOrEqual(MAX_WAKEUPS_PER_SECOND);
      const eachProcess = [...stdout.matchAll(/% {2}(\S+).*, woken (\d+\.\d) times a second$/gm)].map(([, name, times]) => ({ name, times: Number(times) }));
      expect(eachProcess.length).toBeGreaterThanOrEqual(ALL_SERVICES.length);
      expect(eachProcess.filter(({ times }) => times > MAX_WAKEUPS_PER_SECOND_OF_ONE_PROCESS)).toEqual([]);
      // Every process of the cluster was found and measured, not just some.
      for (const name of [...ALL_SERVICES, 'vault-sandbox', 'chaos-agent', 'fault-proxy', 'pm2 daemon', 'postgres: postmaster', 'rabbitmq', 'redis', 'prometheus']) {
        expect(stdout).toMatch(new RegExp(`%  ${name}\\b`));
      }
      // Still nothing: an idle cluster made no checkout in the minute since it started.
      expect(await checkouts()).toBe(0);
    },
    (SETTLE_MS + MEASURE_SECONDS * 1000) * 1.5,
  );

  it('starts the live load when a chaos page opens its live stream, and tells the page since when', async () => {
    const opened = Date.now();
    const events = await readEvents(
      `${cluster.urlOf('bff-web')}/api/chaos/live`,
      (seen) => seen.some((event) => event.event === 'sample' && (JSON.parse(event.data) as TimelineSample).inFlight + (JSON.parse(event.data) as TimelineSample).completedPerSecond > 0),
      60_000,
    );

    const load = events.filter((event) => event.event === 'load').map((event) => JSON.parse(event.data) as LiveLoadState);
    expect(load.at(-1)).toMatchObject({ running: true, perSecond: 5, stopsAt: null, lingerSeconds: 120 });
    expect(Date.parse(load.at(-1)?.since ?? '')).toBeGreaterThanOrEqual(opened - 1000);
    expect(events.some((event) => event.event === 'sample')).toBe(true);
    expect(await checkouts()).toBeGreaterThan(0);
  });
});
