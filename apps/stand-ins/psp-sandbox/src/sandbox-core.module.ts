import { SANDBOX_CREDENTIALS } from '@checkout/contracts';
import { ProviderSecrets, ProviderSecretsNotifications, refusePublishedProviderSecrets } from '@checkout/provider-secrets';
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
        {
          provide: ProviderSecrets,
          // The refusal the configuration applies to PSP_* settings, applied to every version read from Vault.
          useValue: ProviderSecrets.from(config, { refuse: refusePublishedProviderSecrets(config.PSP_PUBLIC_URL, SANDBOX_CREDENTIALS) }),
        },
        ProviderSecretsNotifications,
        PspMetrics,
      ],
      exports: [SandboxSettings, ProviderSecrets, PspMetrics],
    };
  }
}
