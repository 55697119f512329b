import { CHECKOUT_EXCHANGE } from '@checkout/contracts';

export interface MessagingOptions {
  url: string;
  /** Shown in the RabbitMQ management UI; the service name. */
  connectionName: string;
  exchange?: string;
  prefetch?: number;
  retryDelaysMs?: readonly number[];
  /** Serve the dead-letter operator endpoints (`/ops/dead-letters`); the public edge does not. */
  operatorEndpoints?: boolean;
}

/** The resolved messaging settings of this process, injectable wherever they are needed. */
export class MessagingSettings {
  readonly url: string;
  readonly connectionName: string;
  readonly exchange: string;
  readonly prefetch: number;
  readonly retryDelaysMs: readonly number[];

  constructor(options: MessagingOptions) {
    this.url = options.url;
    this.connectionName = options.connectionName;
    this.exchange = options.exchange ?? CHECKOUT_EXCHANGE;
    // The largest batch: every delivery that arrived while the previous batch committed, up to this.
    this.prefetch = options.prefetch ?? 256;
    // Growing delays: a blip is retried quickly, a longer outage gets room to recover.
    this.retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 30_000, 120_000];
  }
}
