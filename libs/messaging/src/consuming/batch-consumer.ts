import { Logger } from '@nestjs/common';
import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { BrokerConnection } from '../connection/broker-connection';
import type { MessagingMetrics } from '../messaging.metrics';
import { shortReason } from './failure-headers';

/**
 * What the work-queue consumer and the observer share: a confirm channel that re-declares its
 * topology and consumes again after every reconnect, and deliveries taken in batches.
 *
 * A batch is every delivery that arrived while the previous batch was being handled (up to the
 * prefetch). Nothing waits to fill a batch: a message that arrives when the consumer is idle is
 * handled at once, alone or with whatever came in the same read from the socket. So batches grow
 * with the load and cost a lone message nothing. Batches run one after another, which keeps each
 * batch's deliveries settled before the next begins (what makes `ack(last, allUpTo)` safe).
 */
export abstract class BatchConsumer {
  protected readonly logger: Logger;
  private channel?: ChannelWrapper;
  /** The live consumer (replaced on every reconnect), so `stop` can cancel it. */
  private consuming?: { channel: ConfirmChannel; consumerTag: string };
  private stopped?: Promise<void>;
  /** Deliveries not yet handed to a batch, all from `waitingOn`. */
  private waiting: ConsumeMessage[] = [];
  private waitingOn?: ConfirmChannel;
  private running?: Promise<void>;
  /** A channel on which a delivery was left unacked on purpose (for redelivery): no more acks of "all up to" on it. */
  private holdingBack?: ConfirmChannel;

  protected constructor(
    private readonly connection: BrokerConnection,
    protected readonly queue: string,
    private readonly prefetch: number,
    protected readonly metrics: MessagingMetrics,
  ) {
    this.logger = new Logger(`Consumer:${queue}`);
  }

  /** Declares what the queue needs on `channel` (run on every connect, so idempotent). */
  protected abstract declare(channel: ConfirmChannel): Promise<void>;

  /** Handles one batch and settles (acks, forwards or returns) every delivery in it. Never throws. */
  protected abstract handleBatch(channel: ConfirmChannel, batch: readonly ConsumeMessage[]): Promise<void>;

  /** Declares the topology and starts consuming; both are redone after every reconnect. */
  async start(): Promise<void> {
    this.channel = this.connection.manager.createChannel({
      name: `consumer:${this.queue}`,
      confirm: true,
      setup: (channel: ConfirmChannel) => this.setup(channel),
    });
    // Set-up failures (a dropped connection mid-declare) are retried on reconnect; log them
    // rather than let an unheard 'error' event take the process down.
    this.channel.on('error', (error: Error) => this.logger.warn(`consumer channel: ${error.message}`));
    await this.channel.waitForConnect();
  }

  /**
   * Drains: cancels the consumer so the broker sends nothing more, lets the batches already
   * delivered be handled and acked (their transactions commit), then closes the channel. What
   * was delivered but never acked (a drain cut short) the broker returns to the queue, for a
   * sibling replica; the inbox absorbs a message that had in fact committed.
   */
  stop(): Promise<void> {
    this.stopped ??= this.drain();
    return this.stopped;
  }

  private async drain(): Promise<void> {
    const consuming = this.consuming;
    this.consuming = undefined;
    if (consuming) await consuming.channel.cancel(consuming.consumerTag).catch(() => undefined);
    await this.running;
    await this.channel?.close();
  }

  private async setup(channel: ConfirmChannel): Promise<void> {
    await this.declare(channel);
    await channel.prefetch(this.prefetch);
    if (this.stopped) return; // a reconnect during the drain must not start consuming again
    const { consumerTag } = await channel.consume(this.queue, (message) => {
      if (message) this.receive(channel, message);
    });
    this.consuming = { channel, consumerTag };
  }

  private receive(channel: ConfirmChannel, message: ConsumeMessage): void {
    // Deliveries of a channel that closed can no longer be acked; the broker redelivers them.
    if (this.waitingOn !== channel) this.waiting = [];
    this.waitingOn = channel;
    this.waiting.push(message);
    this.running ??= this.takeBatches();
  }

  private async takeBatches(): Promise<void> {
    // One turn of the event loop, not a timer: deliveries read from the socket with this one join it.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0 && this.waitingOn) {
      const batch = this.waiting;
      const channel = this.waitingOn;
      this.waiting = [];
      this.metrics.batches.inc({ queue: this.queue });
      await this.handleBatch(channel, batch).catch((error) => this.logger.error(`batch not settled: ${shortReason(error)}`));
    }
    this.running = undefined;
  }

  /** A fresh channel on the same connection, for declarations that may be refused. */
  protected async openChannel(): Promise<Channel> {
    const connection = this.connection.manager.connection;
    if (!connection) throw new Error('not connected to RabbitMQ');
    return connection.createChannel();
  }

  /** Records that a delivery stays unacked on its channel, so that no later ack of "all up to" takes it along. */
  protected leaveUnacked(channel: ConfirmChannel): void {
    this.holdingBack = channel;
  }

  /** Acks every delivery of `done`: in one frame when they are the whole batch and nothing earlier is unsettled. */
  protected ackAll(channel: ConfirmChannel, done: readonly ConsumeMessage[], wholeBatch: boolean, outcome: string): void {
    if (done.length === 0) return;
    try {
      if (wholeBatch && this.holdingBack !== channel) channel.ack(done[done.length - 1], true);
      else for (const message of done) channel.ack(message);
      for (const message of done) this.metrics.consumed.inc({ queue: this.queue, type: typeOf(message), outcome });
    } catch (error) {
      // The channel closed under us; the broker re-delivers, and the inbox makes that harmless.
      this.logger.warn(`acks lost with their channel: ${shortReason(error)}`);
    }
  }
}

/** The message type a delivery declares in its properties (set by the publisher), for metrics. */
export function typeOf(message: ConsumeMessage): string {
  return message.properties.type ?? 'unknown';
}
