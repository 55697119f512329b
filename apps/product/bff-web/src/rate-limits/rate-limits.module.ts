import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { ClusterHealthHttpController } from '../cluster-health/cluster-health.http.controller';
import type { BffConfig } from '../config';
import { isOperatorAction } from '../ops-console/operator-action.decorator';
import { REDIS } from '../redis/redis.module';
import { countsAsStart } from './counts-as-start.decorator';
import { isChaosAction } from './chaos-action.decorator';
import { CounterStorage } from './counter-storage';
import { EdgeThrottlerGuard } from './edge-throttler.guard';

const MINUTE_MS = 60_000;
/** The limits that refuse (503) rather than wave requests through when Redis is away. */
const NEVER_UNCOUNTED = ['chaos', 'operator'];

/**
 * Per-client rate limits (by IP, IPv6 per /64, see TRUSTED_PROXIES and clientKey), counted in
 * Redis: a general limit for every route (opening an event stream included), a stricter one for
 * starting checkouts, which is what costs the cluster work, one for chaos actions, one for the
 * operations console's actions (each try of a token costs one), and one for the health
 * dashboard's API. Health and metrics endpoints are never limited (see EdgeThrottlerGuard): a
 * supervisor must always be able to ask. The chaos experiments' own budget (one at a time, a
 * cool-down, hourly and per-client allowances) is the chaos agent's, counted where they are stored.
 */
@Module({})
export class RateLimitsModule {
  static forRoot(config: BffConfig): DynamicModule {
    return {
      module: RateLimitsModule,
      imports: [
        ThrottlerModule.forRootAsync({
          inject: [REDIS],
          useFactory: (redis: Redis) => ({
            throttlers: [
              { name: 'default', ttl: MINUTE_MS, limit: config.RATE_LIMIT_REQUESTS_PER_MINUTE },
              { name: 'starts', ttl: MINUTE_MS, limit: config.RATE_LIMIT_STARTS_PER_MINUTE, skipIf: (context) => !countsAsStart(context) },
              { name: 'chaos', ttl: MINUTE_MS, limit: config.RATE_LIMIT_CHAOS_ACTIONS_PER_MINUTE, skipIf: (context) => !isChaosAction(context) },
              { name: 'operator', ttl: MINUTE_MS, limit: config.RATE_LIMIT_OPS_ACTIONS_PER_MINUTE, skipIf: (context) => !isOperatorAction(context) },
              {
                name: 'dashboard',
                ttl: MINUTE_MS,
                limit: config.RATE_LIMIT_HEALTH_PER_MINUTE,
                skipIf: (context) => context.getClass() !== ClusterHealthHttpController,
              },
            ],
            storage: new CounterStorage(new ThrottlerStorageRedisService(redis), NEVER_UNCOUNTED),
            generateKey: (context, tracker, name) =>
              `${config.RATE_LIMIT_NAMESPACE}:${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`,
          }),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: EdgeThrottlerGuard }],
    };
  }
}
