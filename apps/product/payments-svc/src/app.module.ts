import { DatabaseModule, faultRouteOptions, messageRetention, PlatformModule, replicaMetricsAddress, retentionOptions } from '@checkout/platform';
import { MessagingModule } from '@checkout/messaging';
import { OutboxModule } from '@checkout/outbox';
import { DynamicModule, Module } from '@nestjs/common';
import { PaymentsConfig } from './config';
import { paymentsDatabase } from './database.options';
import { PaymentsSubscriptions } from './payments.subscriptions';
import { ProviderModule } from './provider/provider.module';
import { paymentsRetention } from './retention/payments.retention';
import { WebhooksModule } from './webhooks/webhooks.module';

export const SERVICE_NAME = 'payments-svc';

@Module({})
export class AppModule {
  static forRoot(config: PaymentsConfig): DynamicModule {
    const retention = retentionOptions(config);
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, metricsAddress: replicaMetricsAddress(config), faultRoutes: faultRouteOptions(SERVICE_NAME, config) }),
        DatabaseModule.forRoot(paymentsDatabase(config)),
        MessagingModule.forRoot({ url: config.AMQP_URL, connectionName: SERVICE_NAME, prefetch: config.AMQP_PREFETCH }),
        OutboxModule.forRoot({ schema: 'payments', ...messageRetention(retention) }),
        ProviderModule.forRoot(config),
        PaymentsSubscriptions(),
        WebhooksModule,
        paymentsRetention(retention),
      ],
    };
  }
}
