import { DatabaseModule, PlatformModule } from '@checkout/platform';
import { MessagingModule } from '@checkout/messaging';
import { OutboxModule } from '@checkout/outbox';
import { DynamicModule, Module } from '@nestjs/common';
import { CatalogConfig } from './config';
import { catalogMigrations } from './migrations';

export const SERVICE_NAME = 'catalog-svc';

@Module({})
export class AppModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME }),
        DatabaseModule.forRoot({
          url: config.DATABASE_URL,
          adminUrl: config.DATABASE_ADMIN_URL,
          schema: 'catalog',
          migrateOnStart: config.DATABASE_MIGRATE_ON_START,
          entities: [],
          migrations: catalogMigrations,
        }),
        MessagingModule.forRoot({ url: config.AMQP_URL, connectionName: SERVICE_NAME, prefetch: config.AMQP_PREFETCH }),
        OutboxModule.forRoot({ schema: 'catalog' }),
      ],
    };
  }
}
