import { TestCluster } from './test-cluster';

/**
 * A TestCluster with every service started and ready, what most specs begin from. If a service
 * never gets ready the cluster is stopped before the error is thrown: the caller has nothing to
 * stop in its afterAll yet.
 */
export async function startedCluster(): Promise<TestCluster> {
  const cluster = await TestCluster.create();
  try {
    await Promise.all(cluster.startAll().map((service) => service.waitReady()));
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}
