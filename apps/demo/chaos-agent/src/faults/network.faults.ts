import type { Fault } from './fault';
import type { FaultProxyClient } from './fault-proxy.client';
import type { FaultRoutesWriter, Moved } from './fault-routes.writer';

const DATABASE_LATENCY_MS = 250;

/** The services whose connections pass through a proxy: the part before `.rabbitmq` / `.postgres`. */
const serviceOf = (proxy: string) => proxy.slice(0, proxy.lastIndexOf('.'));

/** "2 of 2": how many processes moved onto the proxy before the fault (none to move in compose). */
const evidence = ({ moved, of }: Moved) => (of === 0 ? 'always (no routes to move)' : `${moved} of ${of}`);

/**
 * Every service loses RabbitMQ: each moves its broker connection onto its fault-proxy listener
 * (at rest they are direct), then every broker listener is disabled. Reverting enables them and
 * moves the connections back.
 */
export function brokerOutage(proxy: FaultProxyClient, routes: FaultRoutesWriter): Fault {
  return {
    kind: 'broker-outage',
    async inject(target) {
      const names = await proxy.brokerProxies();
      const moved = await routes.route(names.map(serviceOf), 'rabbitmq', true);
      for (const name of names) await proxy.setEnabled(name, false);
      return { target, brokerConnectionsCut: names.length, processesMovedOntoTheProxy: evidence(moved) };
    },
    async revert() {
      const names = await proxy.brokerProxies();
      for (const name of names) await proxy.setEnabled(name, true);
      await routes.route(names.map(serviceOf), 'rabbitmq', false);
    },
  };
}

/** One service loses RabbitMQ; the others keep theirs. */
export function partitionService(proxy: FaultProxyClient, routes: FaultRoutesWriter): Fault {
  return {
    kind: 'partition-service',
    async inject(target) {
      const moved = await routes.route([target], 'rabbitmq', true);
      await proxy.setEnabled(`${target}.rabbitmq`, false);
      return { brokerConnectionCut: `${target}.rabbitmq`, processesMovedOntoTheProxy: evidence(moved) };
    },
    async revert(target) {
      await proxy.setEnabled(`${target}.rabbitmq`, true);
      await routes.route([target], 'rabbitmq', false);
    },
  };
}

/** Every reply from the service's database arrives late. */
export function databaseLatency(proxy: FaultProxyClient, routes: FaultRoutesWriter): Fault {
  return {
    kind: 'database-latency',
    async inject(target) {
      await proxy.addLatency(`${target}.postgres`, DATABASE_LATENCY_MS);
      const moved = await routes.route([target], 'postgres', true);
      return { addedLatencyMs: DATABASE_LATENCY_MS, processesMovedOntoTheProxy: evidence(moved) };
    },
    async revert(target) {
      await routes.route([target], 'postgres', false);
      await proxy.removeLatency(`${target}.postgres`);
    },
  };
}
