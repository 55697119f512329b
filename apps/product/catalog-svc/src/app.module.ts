import { DatabaseModule, faultRouteOptions, messageRetention, PlatformModule, replicaMetricsAddress, retentionOptions } from '@checkout/platform';
import { MessagingModule } from '@checkout/messaging';
import { OutboxModule } from '@checkout/outbox';
import { DynamicModule, Module } from '@nestjs/common';
import { catalogSubscriptions } from './catalog.subscriptions';
import { CatalogConfig } from './config';
import { catalogDatabase } from './database.options';
import { ProductsModule } from './products/products.module';
import { catalogRetention } from './retention/catalog.retention';

export const SERVICE_NAME = 'catalog-svc';

@Module({})
export class AppModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    const retention = retentionOptions(config);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, metricsAddress: replicaMetricsAddress(config), faultRoutes: faultRouteOptions(SERVICE_NAME, config) }),
        DatabaseModule.forRoot(catalogDatabase(config)),
        MessagingModule.forRoot({ url: config.AMQP_URL, connectionName: SERVICE_NAME, prefetch: config.AMQP_PREFETCH }),
        OutboxModule.forRoot({ schema: 'catalog', ...messageRetention(retention) }),
        ProductsModule,
        catalogSubscriptions(),
        catalogRetention(retention),
      ],
    };
  }
}
