import { DatabaseModule, faultRouteOptions, messageRetention, PlatformModule, replicaMetricsAddress, retentionOptions } from '@checkout/platform';
import { MessagingModule } from '@checkout/messaging';
import { OutboxModule } from '@checkout/outbox';
import { DynamicModule, Module } from '@nestjs/common';
import { CheckoutModule } from './checkout.module';
import { OrchestratorConfig } from './config';
import { checkoutDatabase } from './database.options';
import { checkoutRetention } from './retention/checkout-retention.module';

export const SERVICE_NAME = 'checkout-orchestrator';

@Module({})
export class AppModule {
  static forRoot(config: OrchestratorConfig): DynamicModule {
    const retention = retentionOptions(config);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, metricsAddress: replicaMetricsAddress(config), faultRoutes: faultRouteOptions(SERVICE_NAME, config) }),
        DatabaseModule.forRoot(checkoutDatabase(config)),
        MessagingModule.forRoot({ url: config.AMQP_URL, connectionName: SERVICE_NAME, prefetch: config.AMQP_PREFETCH }),
        OutboxModule.forRoot({ schema: 'checkout', ...messageRetention(retention) }),
        CheckoutModule.forRoot(config),
        checkoutRetention(retention),
      ],
    };
  }
}
