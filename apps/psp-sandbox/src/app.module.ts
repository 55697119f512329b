import { DatabaseModule, PlatformModule } from '@checkout/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { PspSandboxConfig } from './config';
import { pspMigrations } from './migrations';

export const SERVICE_NAME = 'psp-sandbox';

@Module({})
export class AppModule {
  static forRoot(config: PspSandboxConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          adminUrl: config.DATABASE_ADMIN_URL,
          schema: 'psp',
          migrateOnStart: config.DATABASE_MIGRATE_ON_START,
          entities: [],
          migrations: pspMigrations,
        }),
      ],
    };
  }
}
