import type { PspSandboxConfig } from './config';

/**
 * The validated configuration as an injectable, in the words the features use. Built once from
 * the environment at start-up; nothing else in the sandbox reads `process.env`.
 */
export class SandboxSettings {
  readonly publicUrl: string;
  readonly webhookUrl: string;
  readonly payDelayMs: number;
  readonly latePayDelayMs: number;
  readonly webhookRetryBaseMs: number;

  constructor(config: PspSandboxConfig) {
    this.publicUrl = config.PSP_PUBLIC_URL;
    this.webhookUrl = config.PSP_WEBHOOK_URL;
    this.payDelayMs = config.PSP_PAY_DELAY_MS;
    this.latePayDelayMs = config.PSP_LATE_PAY_DELAY_MS;
    this.webhookRetryBaseMs = config.PSP_WEBHOOK_RETRY_BASE_MS;
  }
}
