import { databaseSettings, loadConfig, serviceSettings } from '@checkout/platform';
import { z } from 'zod';

export const PspSandboxConfigSchema = z.object({
  ...serviceSettings(3004),
  ...databaseSettings('psp_sandbox'),
});

export type PspSandboxConfig = z.output<typeof PspSandboxConfigSchema>;

export const loadPspSandboxConfig = (source: NodeJS.ProcessEnv = process.env): PspSandboxConfig =>
  loadConfig(PspSandboxConfigSchema, source);
