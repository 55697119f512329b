import './instrument';
import 'reflect-metadata';
import { connectInboxTransport } from '@checkout/outbox';
import { bootstrapService } from '@checkout/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { catalogDatabase } from './database.options';
import { loadCatalogConfig } from './config';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadCatalogConfig,
  module: (config) => AppModule.forRoot(config),
  database: catalogDatabase,
  configure: async (app) => {
    await connectInboxTransport(app);
  },
});
