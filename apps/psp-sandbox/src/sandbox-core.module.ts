import { ProviderSecrets } from '@checkout/platform';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { PspSandboxConfig } from './config';
import { PspMetrics } from './psp.metrics';
import { SandboxSettings } from './sandbox.settings';

/** Settings, the API key and signing secrets, and metrics, global so every feature slice can inject them without wiring. */
@Global()
@Module({})
export class SandboxCoreModule {
  static forRoot(config: PspSandboxConfig): DynamicModule {
    return {
      module: SandboxCoreModule,
      providers: [
        { provide: SandboxSettings, useValue: new SandboxSettings(config) },
        { provide: ProviderSecrets, useValue: ProviderSecrets.from(config) },
        PspMetrics,
      ],
      exports: [SandboxSettings, ProviderSecrets, PspMetrics],
    };
  }
}
