import { describeCheckoutScenarios } from './support/checkout-scenarios';
import { startedCluster } from './support/started-cluster';
import type { TestCluster } from './support/test-cluster';

/** One process of each service; the same scenarios run against three of each in replicas.stress-spec.ts. */
describe('checkouts across the whole cluster', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await startedCluster();
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  describeCheckoutScenarios(() => cluster);
});
