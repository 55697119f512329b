import { MessagingModule } from '@checkout/messaging';
import { PlatformModule } from '@checkout/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { BffConfig } from './config';
import { RedisModule } from './redis/redis.module';

export const SERVICE_NAME = 'bff-web';

@Module({})
export class AppModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME }),
        MessagingModule.forRoot({ url: config.AMQP_URL, connectionName: SERVICE_NAME }),
        RedisModule.forRoot(config.REDIS_URL),
      ],
    };
  }
}
