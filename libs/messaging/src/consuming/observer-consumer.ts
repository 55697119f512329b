import { type CheckoutMessage, parseMessage } from '@checkout/contracts';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { BrokerConnection } from '../connection/broker-connection';
import type { MessagingMetrics } from '../messaging.metrics';
import { declareObserverTopology } from '../topology/declare-topology';
import { BatchConsumer } from './batch-consumer';
import { shortReason } from './failure-headers';

/**
 * An observer reads copies of messages on the exchange (the edge's live view): its queue is
 * bound to the routing keys it names, and the services' own queues still hold the originals.
 * So it needs no inbox and no retry or dead-letter queues of its own: it acks after its handler
 * resolved, drops (acks) a copy it cannot read, and gives a batch whose handler failed back to
 * its queue after `redeliverAfterMs`. Copies older than `messageTtlMs` expire unread, so an
 * observer that is away for long does not make the broker keep everything.
 */
export interface ObserverOptions {
  /** The routing keys of the copies it reads (`#` for every message). */
  readonly routingKeys: readonly string[];
  /** The batch's messages, validated against their contracts: `switch (message.type)` narrows each. */
  readonly handle: (batch: readonly CheckoutMessage[]) => Promise<void>;
  readonly prefetch: number;
  readonly messageTtlMs: number;
  readonly redeliverAfterMs: number;
}

/** Reads an observer queue a batch at a time (see BatchConsumer and ObserverOptions). */
export class ObserverConsumer extends BatchConsumer {
  constructor(
    connection: BrokerConnection,
    private readonly exchange: string,
    queue: string,
    private readonly options: ObserverOptions,
    metrics: MessagingMetrics,
  ) {
    super(connection, queue, options.prefetch, metrics);
  }

  protected declare(channel: ConfirmChannel): Promise<void> {
    const { routingKeys, messageTtlMs } = this.options;
    return declareObserverTopology(channel, { exchange: this.exchange, queue: this.queue, routingKeys, messageTtlMs });
  }

  protected async handleBatch(channel: ConfirmChannel, batch: readonly ConsumeMessage[]): Promise<void> {
    const envelopes: CheckoutMessage[] = [];
    for (const message of batch) {
      try {
        envelopes.push(parseMessage(JSON.parse(message.content.toString('utf8'))));
      } catch (error) {
        // The service's own queue dead-letters the original; a copy has nothing to add.
        this.logger.warn(`dropping an unreadable copy: ${shortReason(error)}`);
      }
    }
    try {
      // An observer watches the checkout rather than doing its work: its reading stays out of the checkout's trace.
      if (envelopes.length > 0) await this.options.handle(envelopes);
      this.ackAll(channel, batch, true, 'handled');
    } catch (error) {
      await this.redeliverLater(channel, batch, shortReason(error));
    }
  }

  /** The handler failed (its store is away): the copies go back to the queue a little later. */
  private async redeliverLater(channel: ConfirmChannel, batch: readonly ConsumeMessage[], reason: string): Promise<void> {
    this.logger.warn(`${batch.length} copies not handled, redelivering: ${reason}`);
    await new Promise((resolve) => setTimeout(resolve, this.options.redeliverAfterMs));
    try {
      channel.nack(batch[batch.length - 1], true, true);
      for (const message of batch) this.metrics.consumed.inc({ queue: this.queue, type: message.properties.type ?? 'unknown', outcome: 'redelivered' });
    } catch {
      // The channel closed meanwhile: the broker redelivers anyway.
    }
  }
}
