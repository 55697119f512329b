import { z } from 'zod';
import { env } from './env';

export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
export const DEFAULT_DATABASE_NAME = 'checkout_cluster';

/** Settings every service reads: where it listens and how much it logs. */
export function serviceSettings(defaultPort: number) {
  return {
    PORT: env.port(defaultPort),
    LOG_LEVEL: env.logLevel(),
  };
}

/** Settings of a service that owns a Postgres schema, with its own login role. */
export function databaseSettings(role: string) {
  return {
    DATABASE_URL: env.url(
      ['postgres:', 'postgresql:'],
      `postgres://${role}:${role}@127.0.0.1:5432/${DEFAULT_DATABASE_NAME}`,
    ),
    DATABASE_ADMIN_URL: env.url(
      ['postgres:', 'postgresql:'],
      `postgres://postgres:postgres@127.0.0.1:5432/${DEFAULT_DATABASE_NAME}`,
    ),
    DATABASE_MIGRATE_ON_START: env.flag(true),
    /** Connections per pool. While credentials rotate, a service briefly holds two pools. */
    DATABASE_POOL_SIZE: env.positiveInt(10),
  };
}

/** Settings of a service that talks to RabbitMQ. */
export function brokerSettings() {
  return {
    AMQP_URL: env.url(['amqp:', 'amqps:'], DEFAULT_AMQP_URL),
    AMQP_PREFETCH: env.positiveInt(16),
  };
}

export type ServiceSettings = z.output<z.ZodObject<ReturnType<typeof serviceSettings>>>;
