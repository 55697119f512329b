import { DatabaseModule, PlatformModule } from '@checkout/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { PspSandboxConfig } from './config';
import { pspDatabase } from './database.options';

export const SERVICE_NAME = 'psp-sandbox';

@Module({})
export class AppModule {
  static forRoot(config: PspSandboxConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME }),
        DatabaseModule.forRoot(pspDatabase(config)),
      ],
    };
  }
}
