import 'reflect-metadata';
import { bootstrapService } from '@checkout/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadVaultSandboxConfig } from './config';
import { vaultDatabase } from './database.options';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadVaultSandboxConfig,
  module: (config) => AppModule.forRoot(config),
  database: vaultDatabase,
});
