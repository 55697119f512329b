import { DatabaseModule, faultRouteOptions, PlatformModule, replicaMetricsAddress, retentionOptions } from '@checkout/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { CheckoutSessionsModule } from './checkout-sessions/checkout-sessions.module';
import { PspSandboxConfig } from './config';
import { pspDatabase } from './database.options';
import { PaymentIntentsModule } from './payment-intents/payment-intents.module';
import { RefundsModule } from './refunds/refunds.module';
import { sandboxRetention } from './retention/sandbox.retention';
import { SandboxCoreModule } from './sandbox-core.module';
import { SimulatedCustomerModule } from './simulated-customer/simulated-customer.module';
import { UnrecognizedRequestModule } from './stripe-api/unrecognized-request.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export const SERVICE_NAME = 'psp-sandbox';

@Module({})
export class AppModule {
  static forRoot(config: PspSandboxConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, metricsAddress: replicaMetricsAddress(config), faultRoutes: faultRouteOptions(SERVICE_NAME, config) }),
        DatabaseModule.forRoot(pspDatabase(config)),
        SandboxCoreModule.forRoot(config),
        CheckoutSessionsModule,
        RefundsModule,
        PaymentIntentsModule,
        SimulatedCustomerModule,
        WebhooksModule,
        sandboxRetention(retentionOptions(config)),
        UnrecognizedRequestModule, // last: see the module
      ],
    };
  }
}
