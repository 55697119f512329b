import { brokerSettings, databaseSettings, loadConfig, serviceSettings } from '@checkout/platform';
import { z } from 'zod';

export const PaymentsConfigSchema = z.object({
  ...serviceSettings(3003),
  ...databaseSettings('payments_svc'),
  ...brokerSettings(),
});

export type PaymentsConfig = z.output<typeof PaymentsConfigSchema>;

export const loadPaymentsConfig = (source: NodeJS.ProcessEnv = process.env): PaymentsConfig =>
  loadConfig(PaymentsConfigSchema, source);
