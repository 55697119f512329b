import './instrument';
import 'reflect-metadata';
import { connectInboxTransport } from '@checkout/outbox';
import { bootstrapService } from '@checkout/platform';
import { installEarlyRefusal } from './admission/early-refusal';
import { AppModule, SERVICE_NAME } from './app.module';
import { checkoutDatabase } from './database.options';
import { loadOrchestratorConfig } from './config';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadOrchestratorConfig,
  module: (config) => AppModule.forRoot(config),
  database: checkoutDatabase,
  configure: async (app) => {
    // Before Nest's body parser (installed at init): a refused start is never read.
    installEarlyRefusal(app);
    await connectInboxTransport(app);
  },
});
