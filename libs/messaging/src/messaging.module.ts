import { DynamicModule, Module } from '@nestjs/common';
import { FaultRoutes, MetricsService, ReadinessRegistry } from '@checkout/platform';
import { BrokerConnection } from './connection/broker-connection';
import { ConsumerRegistry } from './consuming/consumer-registry';
import { DeadLetterController } from './dead-letters/dead-letter.controller';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { MessagingMetrics } from './messaging.metrics';
import { MessagingOptions, MessagingSettings } from './messaging.settings';
import { ConfirmPublisher } from './publishing/confirm-publisher';

/**
 * RabbitMQ for one service: the connection, a confirming publisher, the consumers it starts,
 * and the dead-letter operator endpoints (unless `operatorEndpoints: false`). Global: imported
 * once, in the root module.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const settings = new MessagingSettings(options);
    return {
      module: MessagingModule,
      global: true,
      controllers: options.operatorEndpoints === false ? [] : [DeadLetterController],
      providers: [
        { provide: MessagingSettings, useValue: settings },
        { provide: MessagingMetrics, useFactory: (m: MetricsService) => new MessagingMetrics(m), inject: [MetricsService] },
        {
          provide: BrokerConnection,
          useFactory: (registry: ReadinessRegistry, routes: FaultRoutes) => new BrokerConnection(settings, registry, routes),
          inject: [ReadinessRegistry, FaultRoutes],
        },
        {
          provide: ConfirmPublisher,
          useFactory: (connection: BrokerConnection, metrics: MessagingMetrics) =>
            new ConfirmPublisher(connection, settings, metrics),
          inject: [BrokerConnection, MessagingMetrics],
        },
        ConsumerRegistry,
        DeadLetterService,
      ],
      exports: [MessagingSettings, MessagingMetrics, BrokerConnection, ConfirmPublisher, ConsumerRegistry, DeadLetterService],
    };
  }
}
