import { runSoak, shortSoak, type SoakRun } from './support/soak-run';
import { SupervisedCluster } from './support/supervised-cluster';

const REPLICAS = 3;
/**
 * Fifteen processes on two cores complete about half the checkouts a second that five do
 * (docs/scaling.md): at `npm test`'s 5 a second the cluster starts the schedule already behind,
 * and the agent's verdicts then judge a backlog, not the fault. Three a second keeps it in
 * its steady state between faults, as a soak should be.
 */
const PER_SECOND = 3;

/**
 * The short soak of `npm test` (soak.e2e-spec.ts) against three replicas of every service
 * under pm2's cluster mode, judged by the same invariant checker. Each fault about a service
 * hits all of its replicas (pm2 kills or stops every process of the name; the proxy cuts or
 * slows the listener they share; Postgres ends every connection with the service's name),
 * and the rest compete as they would in production: consumers through the inbox, three relays
 * per outbox, three timer scanners, the saga's version check across processes.
 */
describe(`the seeded short soak with ${REPLICAS} replicas of every service`, () => {
  let cluster: SupervisedCluster;
  let result: SoakRun;

  beforeAll(async () => {
    // The hypothesis' own recovery bound (60 s; the short soak of `npm test` judges by 30): a
    // fault that kills all three replicas of a service waits for three to start again at once.
    cluster = await SupervisedCluster.create({ replicas: REPLICAS, liveLoadPerSecond: 0 });
    result = await runSoak(cluster, shortSoak({ perSecond: PER_SECOND }), { artifact: 'soak-short-replicas.txt', timeoutMs: 600_000 });
  }, 900_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it(`runs ${REPLICAS} processes of each service under pm2`, async () => {
    const list = JSON.parse(await cluster.pm2('jlist')) as { name: string }[];
    for (const name of ['psp-sandbox', 'catalog-svc', 'payments-svc', 'checkout-orchestrator', 'bff-web']) {
      expect(`${name}: ${list.filter((entry) => entry.name === name).length}`).toBe(`${name}: ${REPLICAS}`);
    }
  });

  it('performs all 8 faults on the 600 checkouts, losing none of them', () => {
    expect(result.stdout).toMatch(/^seed 42$/m);
    expect(result.stdout).toMatch(/600 started/);
    expect(result.stdout).toMatch(/faults: 8 performed/);
    expect(result.stdout).toMatch(/ 0 unseen at the end/);
  });

  it('finds every invariant holding', () => {
    expect(result.stdout).not.toMatch(/FAIL/);
    expect(result.stdout).toMatch(/invariants: all hold/);
    expect(result.code).toBe(0);
  });
});
