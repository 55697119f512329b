import 'reflect-metadata';
import { bootstrapService } from '@checkout/platform';
import { provisionAgentRoles } from './agent-roles.provision';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadChaosAgentConfig } from './chaos-agent.config';
import { chaosDatabase } from './database.options';
import { declareRecorder } from './faults/message.faults';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadChaosAgentConfig,
  module: (config) => AppModule.forRoot(config),
  database: chaosDatabase,
  provision: provisionAgentRoles,
  // Internal: only the edge on this machine may ask for a fault.
  host: '127.0.0.1',
  configure: async (_app, config) => {
    // The copy of recent messages that duplicate-deliveries replays must exist before any fault.
    await declareRecorder(config.AMQP_URL).catch(() => undefined);
  },
});
