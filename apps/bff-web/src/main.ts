import 'reflect-metadata';
import { bootstrapService } from '@checkout/platform';
import helmet from 'helmet';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadBffConfig } from './config';

void bootstrapService({
  name: SERVICE_NAME,
  loadConfig: loadBffConfig,
  module: (config) => AppModule.forRoot(config),
  configure: (app) => {
    app.use(helmet());
  },
});
