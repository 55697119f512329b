import { type CheckoutMessage, CheckoutTransitioned, ProviderCallRecorded } from '@checkout/contracts';
import { ConsumerRegistry } from '@checkout/messaging';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { rowsFromMessage } from './message-row';
import { RowStore } from './row-store';

export const BRIDGE_QUEUE = 'bff-web.bridge';

/**
 * The read-only bridge from RabbitMQ to the browser: an observer (see the messaging library's
 * ObserverOptions) whose durable queue is bound to what only a watched checkout publishes: the
 * orchestrator's saga steps (CheckoutTransitioned, each with the message that caused it and
 * those it sent) and payments' provider calls. A bulk API checkout publishes neither, so it
 * puts nothing in this queue (docs/decisions/0041). Each step becomes rows in Redis, the
 * cause's annotated with its transition. Durable, so steps published while the bff was down
 * are bridged when it is back; copies older than an hour expire unread rather than pile up.
 */
@Injectable()
export class CheckoutEventBridge implements OnApplicationBootstrap {
  private readonly logger = new Logger('CheckoutEventBridge');

  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly rows: RowStore,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: the edge serves its pages while the broker is still away.
    this.consumers
      .observe(BRIDGE_QUEUE, {
        routingKeys: [CheckoutTransitioned.routingKey, ProviderCallRecorded.routingKey],
        handle: (batch) => this.bridgeAll(batch),
        prefetch: 256,
        messageTtlMs: 3_600_000,
        redeliverAfterMs: 1_000,
      })
      .catch((error) => this.logger.error(`could not start bridging: ${error}`));
  }

  /**
   * Throws while Redis is away: the copies come back a little later. Saved in the order they
   * arrived, which for one checkout's steps is the order the saga took them.
   */
  private async bridgeAll(batch: readonly CheckoutMessage[]): Promise<void> {
    await Promise.all(batch.flatMap((message) => rowsFromMessage(message).map((row) => this.rows.save(message.correlationId, row))));
  }
}
