import { DynamicModule, Module } from '@nestjs/common';
import { BFF_CONFIG } from './bff-config.token';
import type { BffConfig } from './config';

/** The validated configuration, read once at start-up and injected wherever a feature needs it (BFF_CONFIG). */
@Module({})
export class BffConfigModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: BffConfigModule,
      global: true,
      providers: [{ provide: BFF_CONFIG, useValue: config }],
      exports: [BFF_CONFIG],
    };
  }
}
