import 'reflect-metadata';
import { bootstrapService } from '@checkout/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { pspDatabase } from './database.options';
import { loadPspSandboxConfig } from './config';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadPspSandboxConfig,
  module: (config) => AppModule.forRoot(config),
  database: pspDatabase,
});
