import type { Provider } from '@nestjs/common';
import { CHAOS_CONFIG, type ChaosAgentConfig } from '../chaos-agent.config';
import type { ExperimentKind } from '../experiments/experiment-catalogue';
import { Pm2Supervisor } from '../supervisor/pm2-supervisor';
import { databaseConnections } from './database-connections.fault';
import { FAULTS, type Fault } from './fault';
import { FaultProxyClient } from './fault-proxy.client';
import { FaultRoutesWriter } from './fault-routes.writer';
import { duplicateDeliveries, poisonMessage } from './message.faults';
import { brokerOutage, databaseLatency, partitionService } from './network.faults';
import { killService, stopService } from './process.faults';
import { agentVault, rotateCredentials, rotateWebhookSecret } from './rotation.faults';

/** Every kind of the catalogue bound to the fault that performs it. */
export const faultsProvider: Provider = {
  provide: FAULTS,
  inject: [CHAOS_CONFIG, Pm2Supervisor],
  useFactory: (config: ChaosAgentConfig, supervisor: Pm2Supervisor): ReadonlyMap<ExperimentKind, Fault> => {
    const proxy = new FaultProxyClient(config.FAULT_PROXY_URL);
    const routes = new FaultRoutesWriter(config.FAULT_ROUTES_DIR, (service) => supervisor.processes(service));
    const faults: Fault[] = [
      killService(supervisor),
      stopService(supervisor),
      brokerOutage(proxy, routes),
      partitionService(proxy, routes),
      // Its own login, granted pg_signal_backend by the one-shot migration (agent-roles.provision.ts).
      databaseConnections(config.DATABASE_URL),
      databaseLatency(proxy, routes),
      duplicateDeliveries(config.AMQP_URL),
      poisonMessage(config.AMQP_URL),
      rotateCredentials(config.CHAOS_SERVICE_URLS),
      // Bounded a little past the longest experiment: the overlap ends even if no revert comes.
      rotateWebhookSecret(agentVault(config), config.CHAOS_SERVICE_URLS, config.CHAOS_MAX_SECONDS + 5, config.DATABASE_URL),
    ];
    return new Map(faults.map((fault) => [fault.kind, fault]));
  },
};
