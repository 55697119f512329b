import type { PaymentsConfig } from '../config';

/** The payment provider settings, read once from the validated configuration and injected. */
export class ProviderSettings {
  readonly apiUrl: string;
  readonly webhookToleranceSeconds: number;
  /** Where the provider's hosted page sends the customer back to. */
  readonly returnUrl: string;

  constructor(config: PaymentsConfig) {
    this.apiUrl = config.PSP_API_URL;
    this.webhookToleranceSeconds = config.PSP_WEBHOOK_TOLERANCE_SECONDS;
    this.returnUrl = config.CHECKOUT_RETURN_URL;
  }
}
