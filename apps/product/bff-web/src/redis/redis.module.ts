import { Inject, Logger, Module, OnApplicationShutdown, OnModuleInit, DynamicModule } from '@nestjs/common';
import { ReadinessRegistry } from '@checkout/platform';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

/** The edge's Redis client (rate-limit counters); it reconnects by itself and reports on /health/ready. */
class RedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('redis', async () => {
      if (this.redis.status !== 'ready') return { up: false, details: { reason: this.redis.status } };
      await this.redis.ping();
      return { up: true };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}

@Module({})
export class RedisModule {
  static forRoot(url: string): DynamicModule {
    const logger = new Logger('Redis');
    return {
      module: RedisModule,
      global: true,
      providers: [
        {
          provide: REDIS,
          useFactory: () => {
            const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: false });
            client.on('error', (error) => logger.warn(`redis: ${error.message}`));
            return client;
          },
        },
        { provide: RedisLifecycle, useFactory: (r: Redis, reg: ReadinessRegistry) => new RedisLifecycle(r, reg), inject: [REDIS, ReadinessRegistry] },
      ],
      exports: [REDIS],
    };
  }
}
