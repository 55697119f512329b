import type { Fault } from './fault';
import type { FaultProxyClient } from './fault-proxy.client';

const DATABASE_LATENCY_MS = 250;

/** Every service loses RabbitMQ: all broker listeners of the fault proxy are disabled. */
export function brokerOutage(proxy: FaultProxyClient): Fault {
  return {
    kind: 'broker-outage',
    async inject(target) {
      const names = await proxy.brokerProxies();
      for (const name of names) await proxy.setEnabled(name, false);
      return { target, brokerConnectionsCut: names.length };
    },
    async revert() {
      for (const name of await proxy.brokerProxies()) await proxy.setEnabled(name, true);
    },
  };
}

/** One service loses RabbitMQ; the others keep theirs. */
export function partitionService(proxy: FaultProxyClient): Fault {
  return {
    kind: 'partition-service',
    async inject(target) {
      await proxy.setEnabled(`${target}.rabbitmq`, false);
      return { brokerConnectionCut: `${target}.rabbitmq` };
    },
    revert: (target) => proxy.setEnabled(`${target}.rabbitmq`, true),
  };
}

/** Every reply from the service's database arrives late. */
export function databaseLatency(proxy: FaultProxyClient): Fault {
  return {
    kind: 'database-latency',
    async inject(target) {
      await proxy.addLatency(`${target}.postgres`, DATABASE_LATENCY_MS);
      return { addedLatencyMs: DATABASE_LATENCY_MS };
    },
    revert: (target) => proxy.removeLatency(`${target}.postgres`),
  };
}

