import { ContractViolationError, type MessageEnvelope, parseMessage } from '@checkout/contracts';
import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { BrokerConnection } from '../connection/broker-connection';
import type { MessagingMetrics } from '../messaging.metrics';
import { declareConsumerTopology, declareObserverTopology } from '../topology/declare-topology';
import { deadLetterQueueName, retryQueueName } from '../topology/queue-names';
import { attemptsSoFar, FailureHeaders, shortReason } from './failure-headers';
import type { EnvelopeHandler } from './message-handler';
import { handleInMessageTrace } from '../tracing/consume-tracing';

export interface QueueConsumerOptions {
  exchange: string;
  queue: string;
  prefetch: number;
  /** One retry per entry, waiting that long; after the last, the message is dead-lettered. */
  retryDelaysMs: readonly number[];
  /** Handlers by message type; their routing keys are what the queue is bound to. */
  handlers: ReadonlyMap<string, { routingKey: string; handle: EnvelopeHandler }>;
  /** Turns a decoded JSON body into a valid envelope or throws ContractViolationError. */
  decode?: (raw: unknown) => MessageEnvelope;
  /** Observer mode instead of handlers (see ObserverOptions). */
  observer?: ObserverOptions;
}

/**
 * An observer reads a copy of every message on the exchange (the edge's live view): its queue
 * is bound to every routing key, and the services' own queues still hold the originals. So it
 * needs no inbox and no retry or dead-letter queues of its own: it acks after its handler
 * resolved, drops (acks) a message it cannot read, and gives a message whose handler failed
 * back to its queue after `redeliverAfterMs`. Copies older than `messageTtlMs` expire unread,
 * so an observer that is away for long does not make the broker keep everything.
 */
export interface ObserverOptions {
  readonly handle: EnvelopeHandler;
  readonly messageTtlMs: number;
  readonly redeliverAfterMs: number;
}

/**
 * Consumes one queue with manual acks and at most `prefetch` messages in flight (for a
 * service's own queue; an observer's differs as ObserverOptions says).
 *
 * A message is acked only after its handler resolved (the handler's transaction committed).
 * A failing handler's message is republished to a retry queue whose TTL returns it later;
 * after the last retry it goes to the dead-letter queue with the reason and attempt count.
 * A message that is not JSON or breaks its contract can never succeed, so it is dead-lettered
 * at once. Retry and dead-letter copies are confirmed by the broker before the original is
 * acked: a crash in between re-delivers the original, and the inbox absorbs the duplicate.
 */
export class QueueConsumer {
  private channel?: ChannelWrapper;
  /** The live consumer (replaced on every reconnect), so `stop` can cancel it. */
  private consuming?: { channel: ConfirmChannel; consumerTag: string };
  private stopped?: Promise<void>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly logger: Logger;
  private readonly decode: (raw: unknown) => MessageEnvelope;

  constructor(
    private readonly connection: BrokerConnection,
    private readonly options: QueueConsumerOptions,
    private readonly metrics: MessagingMetrics,
  ) {
    this.logger = new Logger(`Consumer:${options.queue}`);
    this.decode = options.decode ?? parseMessage;
  }

  /** Declares the topology and starts consuming; both are redone after every reconnect. */
  async start(): Promise<void> {
    this.channel = this.connection.manager.createChannel({
      name: `consumer:${this.options.queue}`,
      confirm: true,
      setup: (channel: ConfirmChannel) => this.setup(channel),
    });
    // Set-up failures (a dropped connection mid-declare) are retried on reconnect; log them
    // rather than let an unheard 'error' event take the process down.
    this.channel.on('error', (error: Error) => this.logger.warn(`consumer channel: ${error.message}`));
    await this.channel.waitForConnect();
  }

  /**
   * Drains: cancels the consumer so the broker sends nothing more, waits for the messages in
   * flight to be handled and acked (their transactions commit), then closes the channel. What
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
    await Promise.allSettled([...this.inFlight]);
    await this.channel?.close();
  }

  private async setup(channel: ConfirmChannel): Promise<void> {
    const { exchange, queue, retryDelaysMs, handlers, prefetch, observer } = this.options;
    const routingKeys = [...new Set([...handlers.values()].map((handler) => handler.routingKey))];
    const openChannel = async () => {
      const connection = this.connection.manager.connection;
      if (!connection) throw new Error('not connected to RabbitMQ');
      return connection.createChannel();
    };
    if (observer) await declareObserverTopology(channel, { exchange, queue, messageTtlMs: observer.messageTtlMs });
    else await declareConsumerTopology(channel, { exchange, queue, routingKeys, retryDelaysMs, openChannel });
    await channel.prefetch(prefetch);
    if (this.stopped) return; // a reconnect during the drain must not start consuming again
    const { consumerTag } = await channel.consume(queue, (message) => {
      if (message) this.track(this.receive(channel, message));
    });
    this.consuming = { channel, consumerTag };
  }

  private track(handling: Promise<void>): void {
    this.inFlight.add(handling);
    void handling.finally(() => this.inFlight.delete(handling));
  }

  private async receive(channel: ConfirmChannel, message: ConsumeMessage): Promise<void> {
    const attempts = attemptsSoFar(message);
    let envelope: MessageEnvelope;
    try {
      envelope = this.decode(JSON.parse(message.content.toString('utf8')));
    } catch (error) {
      if (this.options.observer) return this.drop(channel, message, unreadable(error));
      return this.deadLetter(channel, message, 'unknown', unreadable(error), attempts);
    }
    const handle = this.options.observer?.handle ?? this.options.handlers.get(envelope.type)?.handle;
    if (!handle) {
      return this.deadLetter(channel, message, envelope.type, `no handler for ${envelope.type}`, attempts);
    }
    const stopTimer = this.metrics.handlerDuration.startTimer({ queue: this.options.queue, type: envelope.type });
    try {
      // An observer watches the checkout rather than doing its work: its reading stays out of the checkout's trace.
      if (this.options.observer) await handle(envelope);
      else await handleInMessageTrace(this.options.queue, message, envelope, () => handle(envelope));
      stopTimer();
      this.settle(channel, message, envelope.type, 'handled');
    } catch (error) {
      stopTimer();
      if (this.options.observer) return this.redeliverLater(channel, message, envelope.type, shortReason(error));
      await this.retryOrDeadLetter(channel, message, envelope.type, shortReason(error), attempts + 1);
    }
  }

  /** An observer's copy it cannot read: the service's own queue dead-letters the original. */
  private drop(channel: ConfirmChannel, message: ConsumeMessage, reason: string): void {
    this.logger.warn(`dropped an unreadable copy: ${reason}`);
    this.settle(channel, message, 'unknown', 'dropped');
  }

  /** An observer's handler failed (its store is away): the copy goes back to the queue a little later. */
  private async redeliverLater(channel: ConfirmChannel, message: ConsumeMessage, type: string, reason: string): Promise<void> {
    this.logger.warn(`${type} ${message.properties.messageId} not handled, redelivering: ${reason}`);
    await new Promise((resolve) => setTimeout(resolve, this.options.observer?.redeliverAfterMs));
    try {
      channel.nack(message, false, true);
      this.metrics.consumed.inc({ queue: this.options.queue, type, outcome: 'redelivered' });
    } catch {
      // The channel closed meanwhile: the broker redelivers anyway.
    }
  }

  private async retryOrDeadLetter(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    type: string,
    reason: string,
    attempts: number,
  ): Promise<void> {
    const delay = this.options.retryDelaysMs[attempts - 1];
    if (delay === undefined) return this.deadLetter(channel, message, type, reason, attempts);
    this.logger.warn(`${type} ${message.properties.messageId} failed (attempt ${attempts}): ${reason}; retrying in ${delay} ms`);
    const headers = { [FailureHeaders.attempts]: attempts, [FailureHeaders.lastError]: reason };
    await this.forward(channel, message, retryQueueName(this.options.queue, delay), headers, type, 'retried');
  }

  private async deadLetter(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    type: string,
    reason: string,
    attempts: number,
  ): Promise<void> {
    this.logger.error(`dead-lettering ${type} ${message.properties.messageId ?? ''}: ${reason}`);
    const headers = {
      [FailureHeaders.attempts]: attempts,
      [FailureHeaders.reason]: reason,
      [FailureHeaders.failedAt]: new Date().toISOString(),
      [FailureHeaders.originalQueue]: this.options.queue,
      [FailureHeaders.originalRoutingKey]: message.fields.routingKey,
    };
    await this.forward(channel, message, deadLetterQueueName(this.options.queue), headers, type, 'dead_lettered');
  }

  /** Republishes a copy to `queue` and acks the original only once the broker confirmed the copy. */
  private async forward(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    queue: string,
    headers: Record<string, unknown>,
    type: string,
    outcome: 'retried' | 'dead_lettered',
  ): Promise<void> {
    const properties: Options.Publish = {
      ...message.properties,
      persistent: true,
      headers: { ...message.properties.headers, ...headers },
    };
    try {
      await new Promise<void>((resolve, reject) =>
        channel.publish('', queue, message.content, properties, (error) => (error ? reject(error) : resolve())),
      );
      this.settle(channel, message, type, outcome);
    } catch (error) {
      // Not acked: the broker re-delivers the original once the channel is back.
      this.logger.warn(`could not move ${type} to ${queue}: ${shortReason(error)}`);
    }
  }

  private settle(channel: ConfirmChannel, message: ConsumeMessage, type: string, outcome: string): void {
    try {
      channel.ack(message);
      this.metrics.consumed.inc({ queue: this.options.queue, type, outcome });
    } catch (error) {
      // The channel closed under us; the broker re-delivers, and the inbox makes that harmless.
      this.logger.warn(`ack of ${type} lost with its channel: ${shortReason(error)}`);
    }
  }
}

function unreadable(error: unknown): string {
  if (error instanceof ContractViolationError) return `contract violation: ${error.reasons.join('; ')}`;
  if (error instanceof SyntaxError) return `invalid JSON: ${error.message}`;
  return shortReason(error);
}
