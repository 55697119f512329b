import { DynamicModule, Module } from '@nestjs/common';
import { ReadinessRegistry } from '@checkout/platform';
import { BrokerConnection, BrokerOptions } from './connection/broker-connection';

@Module({})
export class MessagingModule {
  static forRoot(options: BrokerOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        {
          provide: BrokerConnection,
          useFactory: (registry: ReadinessRegistry) => new BrokerConnection(options, registry),
          inject: [ReadinessRegistry],
        },
      ],
      exports: [BrokerConnection],
    };
  }
}
