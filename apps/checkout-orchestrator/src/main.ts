import './instrument';
import 'reflect-metadata';
import { connectMessageTransport } from '@checkout/messaging';
import { bootstrapService } from '@checkout/platform';
import { installEarlyRefusal } from './admission/early-refusal';
import { AppModule, SERVICE_NAME } from './app.module';
import { CheckoutMessageTransport } from './checkout-saga/checkout-message.transport';
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
    await connectMessageTransport(app, CheckoutMessageTransport);
  },
});
