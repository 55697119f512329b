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
  apiDocs: {
    path: 'api/docs',
    ui: true,
    description: 'The public edge: the shop\'s checkout, the live saga views, the chaos page and the health dashboard. Operator routes need the OPS_TOKEN bearer token.',
  },
});
