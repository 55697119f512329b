import type { MessageEnvelope } from '@checkout/contracts';
import { ConsumerRegistry } from '@checkout/messaging';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { rowFromEnvelope } from './message-row';
import { RowStore } from './row-store';
import { TransitionLookup } from './transition-lookup';

export const BRIDGE_QUEUE = 'bff-web.bridge';

/**
 * The read-only bridge from RabbitMQ to the browser: an observer (see the messaging library's
 * ObserverOptions) whose durable queue receives a copy of every message on the checkout
 * exchange, taking nothing from the services' own queues. Each copy becomes a row in Redis,
 * annotated with the transition it caused. Durable, so rows published while the bff was down
 * are bridged when it is back; copies older than an hour expire unread rather than pile up.
 */
@Injectable()
export class CheckoutEventBridge implements OnApplicationBootstrap {
  private readonly logger = new Logger('CheckoutEventBridge');

  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly rows: RowStore,
    private readonly transitions: TransitionLookup,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the edge serves its pages while the broker is still away.
    this.consumers
      .observe(BRIDGE_QUEUE, {
        routingKeys: ['#'],
        handle: (batch) => this.bridgeAll(batch),
        prefetch: 256,
        messageTtlMs: 3_600_000,
        redeliverAfterMs: 1_000,
      })
      .catch((error) => this.logger.error(`could not start bridging: ${error}`));
  }

  private async bridgeAll(batch: readonly MessageEnvelope[]): Promise<void> {
    await Promise.all(batch.map((envelope) => this.bridge(envelope)));
  }

  /** Throws while Redis (or the orchestrator) is away: the copy comes back a little later. */
  private async bridge(envelope: MessageEnvelope): Promise<void> {
    const row = rowFromEnvelope(envelope);
    if (row.to.includes('checkout-orchestrator')) {
      row.transition = await this.transitions.causedBy(envelope.correlationId, envelope.messageId);
    }
    await this.rows.save(envelope.correlationId, row);
  }
}
