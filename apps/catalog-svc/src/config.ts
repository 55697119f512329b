import { secretsSettings, brokerSettings, databaseSettings, loadConfig, retentionSettings, serviceSettings } from '@checkout/platform';
import { z } from 'zod';

export const CatalogConfigSchema = z.object({
  ...serviceSettings(3002),
  ...databaseSettings('catalog_svc'),
  ...secretsSettings('catalog-svc'),
  ...brokerSettings(),
  ...retentionSettings(),
});

export type CatalogConfig = z.output<typeof CatalogConfigSchema>;

export const loadCatalogConfig = (source: NodeJS.ProcessEnv = process.env): CatalogConfig =>
  loadConfig(CatalogConfigSchema, source);
