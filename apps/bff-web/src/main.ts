import './instrument';
import 'reflect-metadata';
import { bootstrapService } from '@checkout/platform';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadBffConfig } from './config';
import { configureEdge } from './security';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadBffConfig,
  module: (config) => AppModule.forRoot(config),
  configure: configureEdge,
});
