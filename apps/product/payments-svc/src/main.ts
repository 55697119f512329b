import './instrument';
import 'reflect-metadata';
import { connectInboxTransport } from '@checkout/outbox';
import { bootstrapService } from '@checkout/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { paymentsDatabase } from './database.options';
import { loadPaymentsConfig } from './config';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadPaymentsConfig,
  module: (config) => AppModule.forRoot(config),
  database: paymentsDatabase,
  // The webhook signature covers the exact bytes sent, not a re-serialised parse of them.
  rawBody: true,
  configure: async (app) => {
    await connectInboxTransport(app);
  },
});
