import { DynamicModule, Module } from '@nestjs/common';
import type { PaymentsConfig } from '../config';
import { PaymentProvider } from './payment-provider';
import { ProviderCalls } from './provider-calls';
import { ProviderSettings } from './provider.settings';
import { createStripeClient, STRIPE_CLIENT } from './stripe-client';

/** The payment provider: its settings and one SDK client. Global: imported once, in the root module. */
@Module({})
export class ProviderModule {
  static forRoot(config: PaymentsConfig): DynamicModule {
    const settings = new ProviderSettings(config);
    return {
      module: ProviderModule,
      global: true,
      providers: [
        { provide: ProviderSettings, useValue: settings },
        { provide: STRIPE_CLIENT, useValue: createStripeClient(settings) },
        PaymentProvider,
        ProviderCalls,
      ],
      exports: [ProviderSettings, PaymentProvider, ProviderCalls],
    };
  }
}
