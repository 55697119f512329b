import {
  brokerDefaults,
  brokerSettings,
  databaseDefaults,
  databaseSettings,
  loadConfig,
  refusePublishedDefaults,
  retentionSettings,
  secretsSettings,
  serviceSettings,
  vaultTokenDefaults,
} from '@checkout/platform';
import { z } from 'zod';

export const CatalogConfigSchema = z
  .object({
    ...serviceSettings(3002),
    ...databaseSettings('catalog_svc'),
    ...secretsSettings('catalog-svc'),
    ...brokerSettings(),
    ...retentionSettings(),
  })
  .superRefine(refusePublishedDefaults([...databaseDefaults('catalog_svc'), ...vaultTokenDefaults('catalog-svc'), ...brokerDefaults()]));

export type CatalogConfig = z.output<typeof CatalogConfigSchema>;

export const loadCatalogConfig = (source: NodeJS.ProcessEnv = process.env): CatalogConfig =>
  loadConfig(CatalogConfigSchema, source);
