import type { DatabaseOptions } from '@checkout/platform';
import type { ChaosAgentConfig } from './chaos-agent.config';
import { chaosMigrations } from './migrations';

/** The chaos schema: the experiments and their deadlines, nothing of any service's. */
export function chaosDatabase(config: ChaosAgentConfig): DatabaseOptions {
  return {
    url: config.DATABASE_URL,
    adminUrl: config.DATABASE_ADMIN_URL,
    schema: 'chaos',
    migrateOnStart: config.DATABASE_MIGRATE_ON_START,
    applicationName: 'chaos-agent',
    entities: [],
    migrations: chaosMigrations,
    // A handful of small queries a second: the agent must not take the cluster's connections.
    poolSize: 3,
  };
}
