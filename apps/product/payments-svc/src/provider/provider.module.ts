import { SANDBOX_CREDENTIALS } from '@checkout/contracts';
import { ProviderSecrets, ProviderSecretsNotifications, refusePublishedProviderSecrets } from '@checkout/provider-secrets';
import { DynamicModule, Module } from '@nestjs/common';
import type { PaymentsConfig } from '../config';
import { PaymentProvider } from './payment-provider';
import { ProviderCalls } from './provider-calls';
import { ProviderSettings } from './provider.settings';
import { createStripeClient, STRIPE_CLIENT } from './stripe-client';

/** The payment provider: its settings, its secrets and one SDK client. Global: imported once, in the root module. */
@Module({})
export class ProviderModule {
  static forRoot(config: PaymentsConfig): DynamicModule {
    const settings = new ProviderSettings(config);
    // The refusal the configuration applies to PSP_* settings, applied to every version read from Vault.
    const secrets = ProviderSecrets.from(config, { refuse: refusePublishedProviderSecrets(config.PSP_API_URL, SANDBOX_CREDENTIALS) });
    return {
      module: ProviderModule,
      global: true,
      providers: [
        { provide: ProviderSettings, useValue: settings },
        { provide: ProviderSecrets, useValue: secrets },
        ProviderSecretsNotifications,
        { provide: STRIPE_CLIENT, useValue: createStripeClient(settings, secrets) },
        PaymentProvider,
        ProviderCalls,
      ],
      exports: [ProviderSettings, ProviderSecrets, PaymentProvider, ProviderCalls],
    };
  }
}
