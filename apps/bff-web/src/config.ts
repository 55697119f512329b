import { brokerSettings, env, loadConfig, serviceSettings } from '@checkout/platform';
import { z } from 'zod';

export const BffConfigSchema = z.object({
  ...serviceSettings(3000),
  ...brokerSettings(),
  REDIS_URL: env.url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  ORCHESTRATOR_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3001'),
  CATALOG_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3002'),
  PAYMENTS_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3003'),
  PSP_URL: env.url(['http:', 'https:'], 'http://127.0.0.1:3004'),
});

export type BffConfig = z.output<typeof BffConfigSchema>;

export const loadBffConfig = (source: NodeJS.ProcessEnv = process.env): BffConfig =>
  loadConfig(BffConfigSchema, source);
