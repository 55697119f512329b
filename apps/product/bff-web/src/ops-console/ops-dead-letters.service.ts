import type { DeadLetter } from '@checkout/messaging';
import { AppError } from '@checkout/platform';
import { Inject, Injectable } from '@nestjs/common';
import { BFF_CONFIG } from '../bff-config.token';
import type { BffConfig } from '../config';
import { UpstreamClient } from '../upstream/upstream.client';

/** The services that consume from RabbitMQ, so have dead letters; the edge's bridge does not. */
export const CONSUMING_SERVICES = ['checkout-orchestrator', 'catalog-svc', 'payments-svc'] as const;
export type ConsumingService = (typeof CONSUMING_SERVICES)[number];

export interface ServiceDeadLetters {
  service: ConsumingService;
  /** False when the service did not answer: its letters are unknown, not zero. */
  available: boolean;
  counts: Record<string, number>;
  messages: DeadLetter[];
}

/** Each service's dead letters, read and replayed through its own operator endpoints. */
@Injectable()
export class OpsDeadLettersService {
  constructor(
    @Inject(BFF_CONFIG) private readonly config: BffConfig,
    private readonly upstream: UpstreamClient,
  ) {}

  /** One service that is down does not hide the others' letters. */
  async list(): Promise<ServiceDeadLetters[]> {
    return Promise.all(
      CONSUMING_SERVICES.map(async (service) => {
        try {
          const { body } = await this.upstream.call<{ counts: Record<string, number>; messages: DeadLetter[] }>(service, `${this.urlOf(service)}/ops/dead-letters`);
          return { service, available: true, counts: body.counts, messages: body.messages.map(pick) };
        } catch (error) {
          if (error instanceof AppError) return { service, available: false, counts: {}, messages: [] };
          throw error;
        }
      }),
    );
  }

  /** Replays one dead letter (by message id) or all of a service's; returns how many moved. */
  async replay(service: ConsumingService, messageId: string | undefined): Promise<{ service: ConsumingService; replayed: number }> {
    const { body } = await this.upstream.call<{ replayed: number }>(service, `${this.urlOf(service)}/ops/dead-letters/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageId === undefined ? {} : { messageId }),
    });
    return { service, replayed: body.replayed };
  }

  private urlOf(service: ConsumingService): string {
    const urls: Record<ConsumingService, string> = {
      'checkout-orchestrator': this.config.ORCHESTRATOR_URL,
      'catalog-svc': this.config.CATALOG_URL,
      'payments-svc': this.config.PAYMENTS_URL,
    };
    return urls[service];
  }
}

/** The console shows the fields the library describes and nothing else a service may add. */
function pick(letter: DeadLetter): DeadLetter {
  const { queue, messageId, type, correlationId, reason, attempts, failedAt, body } = letter;
  return { queue, messageId, type, correlationId, reason, attempts, failedAt, body };
}
