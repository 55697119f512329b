import { brokerSettings, databaseSettings, loadConfig, serviceSettings } from '@checkout/platform';
import { z } from 'zod';

export const OrchestratorConfigSchema = z.object({
  ...serviceSettings(3001),
  ...databaseSettings('checkout_svc'),
  ...brokerSettings(),
});

export type OrchestratorConfig = z.output<typeof OrchestratorConfigSchema>;

export const loadOrchestratorConfig = (source: NodeJS.ProcessEnv = process.env): OrchestratorConfig =>
  loadConfig(OrchestratorConfigSchema, source);
