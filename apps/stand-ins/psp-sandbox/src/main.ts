import './instrument';
import 'reflect-metadata';
import { bootstrapService } from '@checkout/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadPspSandboxConfig } from './config';
import { configureHttp } from './configure-http';
import { pspDatabase } from './database.options';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadPspSandboxConfig,
  module: (config) => AppModule.forRoot(config),
  database: pspDatabase,
  // The platform creates every service on Express, so this is an Express application.
  configure: (app) => configureHttp(app as NestExpressApplication),
});
