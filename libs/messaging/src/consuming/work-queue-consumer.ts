import { ContractViolationError, type MessageEnvelope, parseMessage } from '@checkout/contracts';
import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { BrokerConnection } from '../connection/broker-connection';
import type { MessagingMetrics } from '../messaging.metrics';
import { declareConsumerTopology } from '../topology/declare-topology';
import { deadLetterQueueName, retryQueueName } from '../topology/queue-names';
import { inBatchSpan } from '../tracing/batch-tracing';
import { BatchConsumer, typeOf } from './batch-consumer';
import { attemptsSoFar, FailureHeaders, shortReason } from './failure-headers';
import type { QueueSubscription, ReceivedMessage } from './received-message';

export interface WorkQueueOptions {
  exchange: string;
  queue: string;
  /** At most this many deliveries unacked: the largest batch. */
  prefetch: number;
  /** One retry per entry, waiting that long; after the last, the message is dead-lettered. */
  retryDelaysMs: readonly number[];
  subscription: QueueSubscription;
  /** Turns a decoded JSON body into a valid envelope or throws ContractViolationError. */
  decode?: (raw: unknown) => MessageEnvelope;
}

interface Readable {
  readonly message: ConsumeMessage;
  readonly received: ReceivedMessage;
}

/**
 * Consumes a service's own queue, a batch at a time (see BatchConsumer), with manual acks.
 *
 * A batch is acked only after its handler resolved (its one transaction committed). If the
 * batch fails, its messages are handled again one at a time: the others go through, and the
 * one that fails keeps its own path, republished to a retry queue whose TTL returns it later,
 * and after the last retry to the dead-letter queue with the reason and attempt count. A
 * message that is not JSON, breaks its contract or has no handler can never succeed, so it is
 * dead-lettered at once, before its batch runs. Retry and dead-letter copies are confirmed by
 * the broker before the original is acked: a crash in between re-delivers the original, and
 * the inbox absorbs the duplicate.
 */
export class WorkQueueConsumer extends BatchConsumer {
  private readonly decode: (raw: unknown) => MessageEnvelope;
  private readonly types: ReadonlySet<string>;

  constructor(
    connection: BrokerConnection,
    private readonly options: WorkQueueOptions,
    metrics: MessagingMetrics,
  ) {
    super(connection, options.queue, options.prefetch, metrics);
    this.decode = options.decode ?? parseMessage;
    this.types = new Set(options.subscription.messages.map((message) => message.type));
  }

  protected async declare(channel: ConfirmChannel): Promise<void> {
    const { exchange, queue, retryDelaysMs, subscription } = this.options;
    const routingKeys = [...new Set(subscription.messages.map((message) => message.routingKey))];
    await declareConsumerTopology(channel, { exchange, queue, routingKeys, retryDelaysMs, openChannel: () => this.openChannel() });
  }

  protected async handleBatch(channel: ConfirmChannel, batch: readonly ConsumeMessage[]): Promise<void> {
    const readable: Readable[] = [];
    const unreadable: Promise<void>[] = [];
    for (const message of batch) {
      const read = this.read(message);
      if (typeof read === 'string') unreadable.push(this.deadLetter(channel, message, read, attemptsSoFar(message)));
      else readable.push({ message, received: read });
    }
    // Settled before the batch's acks, so acking "everything up to the last" never acks one of them early.
    await Promise.all(unreadable);
    if (readable.length === 0) return;
    try {
      await this.run(readable);
      this.ackAll(channel, readable.map((each) => each.message), unreadable.length === 0, 'handled');
    } catch (error) {
      if (readable.length === 1) return this.retryOrDeadLetter(channel, readable[0].message, shortReason(error));
      this.logger.warn(`a batch of ${readable.length} failed (${shortReason(error)}); handling its messages one by one`);
      for (const each of readable) await this.handleAlone(channel, each);
    }
  }

  /** The envelope, or why the message can never be handled. */
  private read(message: ConsumeMessage): ReceivedMessage | string {
    let envelope: MessageEnvelope;
    try {
      envelope = this.decode(JSON.parse(message.content.toString('utf8')));
    } catch (error) {
      return unreadable(error);
    }
    if (!this.types.has(envelope.type)) return `no handler for ${envelope.type}`;
    return { queue: this.queue, envelope, headers: message.properties.headers ?? {} };
  }

  private async run(batch: readonly Readable[]): Promise<void> {
    const stopTimer = this.metrics.handlerDuration.startTimer({ queue: this.queue, type: batch.length === 1 ? batch[0].received.envelope.type : 'batch' });
    try {
      await inBatchSpan(`handle batch ${this.queue}`, batch.length, () => this.options.subscription.handle(batch.map((each) => each.received)));
    } finally {
      stopTimer();
    }
  }

  private async handleAlone(channel: ConfirmChannel, each: Readable): Promise<void> {
    try {
      await this.run([each]);
      this.ackAll(channel, [each.message], false, 'handled');
    } catch (error) {
      await this.retryOrDeadLetter(channel, each.message, shortReason(error));
    }
  }

  private async retryOrDeadLetter(channel: ConfirmChannel, message: ConsumeMessage, reason: string): Promise<void> {
    const attempts = attemptsSoFar(message) + 1;
    const delay = this.options.retryDelaysMs[attempts - 1];
    if (delay === undefined) return this.deadLetter(channel, message, reason, attempts);
    this.logger.warn(`${typeOf(message)} ${message.properties.messageId} failed (attempt ${attempts}): ${reason}; retrying in ${delay} ms`);
    const headers = { [FailureHeaders.attempts]: attempts, [FailureHeaders.lastError]: reason };
    await this.forward(channel, message, retryQueueName(this.queue, delay), headers, 'retried');
  }

  private async deadLetter(channel: ConfirmChannel, message: ConsumeMessage, reason: string, attempts: number): Promise<void> {
    this.logger.error(`dead-lettering ${typeOf(message)} ${message.properties.messageId ?? ''}: ${reason}`);
    const headers = {
      [FailureHeaders.attempts]: attempts,
      [FailureHeaders.reason]: reason,
      [FailureHeaders.failedAt]: new Date().toISOString(),
      [FailureHeaders.originalQueue]: this.queue,
      [FailureHeaders.originalRoutingKey]: message.fields.routingKey,
    };
    await this.forward(channel, message, deadLetterQueueName(this.queue), headers, 'dead_lettered');
  }

  /** Republishes a copy to `queue` and acks the original only once the broker confirmed the copy. */
  private async forward(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    queue: string,
    headers: Record<string, unknown>,
    outcome: 'retried' | 'dead_lettered',
  ): Promise<void> {
    const properties: Options.Publish = { ...message.properties, persistent: true, headers: { ...message.properties.headers, ...headers } };
    try {
      await new Promise<void>((resolve, reject) =>
        channel.publish('', queue, message.content, properties, (error) => (error ? reject(error) : resolve())),
      );
      this.ackAll(channel, [message], false, outcome);
    } catch (error) {
      // Not acked: the broker re-delivers the original once the channel is back (or closes).
      this.leaveUnacked(channel);
      this.logger.warn(`could not move ${typeOf(message)} to ${queue}: ${shortReason(error)}`);
    }
  }
}

function unreadable(error: unknown): string {
  if (error instanceof ContractViolationError) return `contract violation: ${error.reasons.join('; ')}`;
  if (error instanceof SyntaxError) return `invalid JSON: ${error.message}`;
  return shortReason(error);
}
