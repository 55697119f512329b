import { findMessageDefinition, type MessageDefinition } from '@checkout/contracts';
import type { INestApplication, Type } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { handleInMessageTrace } from '../tracing/consume-tracing';
import type { ConsumerRegistry } from './consumer-registry';
import type { QueueSubscription, ReceivedMessage } from './received-message';

/** Runs a batch's controller methods with `context` as their `@Ctx()`. */
export type InvokeBatch<Context> = (batch: readonly ReceivedMessage[], context: Context) => Promise<void>;

export interface MessageTransportOptions<Context> {
  /** The queue the service consumes; bound to the routing key of every `@EventPattern`. */
  readonly queue: string;
  /**
   * Runs one batch's handling around its controller methods (the inbox's transaction): `invoke`
   * calls the methods with `context` as their `@Ctx()`, for the messages it is given. Resolving
   * means "done, and durable", as for any BatchHandler; throwing means "try again".
   */
  readonly settle: (batch: readonly ReceivedMessage[], invoke: InvokeBatch<Context>) => Promise<unknown>;
  /** What consuming waits for (the database). Awaited after `listen` returned: start-up never blocks on it. */
  readonly ready?: Promise<void>;
}

/** `@EventPattern(types, BATCH)`: the method takes all of its messages of a batch at once (`ReceivedMessage[]`). */
export const BATCH = { batch: true } as const;

/**
 * Nest's transport for our queue: the `@EventPattern('<message type>')` methods of a service's
 * message controllers become the handlers of its work queue. Everything that makes consuming
 * reliable stays in WorkQueueConsumer (batches, ack after commit, retries with delays, dead
 * letters, metrics, the drain); this class turns patterns into a subscription and a batch into
 * method calls, in delivery order. A method is called once per message, in that message's
 * trace; a method declared with `BATCH` is called once with all of its messages of the batch,
 * after the per-message methods (it traces each message itself).
 * Connect it with `app.connectMicroservice({ strategy })` and `app.startAllMicroservices()`.
 */
export class MessageTransport<Context = unknown> extends Server implements CustomTransportStrategy {
  private readonly log: Logger;
  /** Resolves once the queue is being consumed. */
  started: Promise<void> = new Promise(() => undefined);

  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly options: MessageTransportOptions<Context>,
  ) {
    super();
    this.log = new Logger(`MessageTransport:${options.queue}`);
  }

  /** A controller naming a message no contract defines fails start-up here, not at the first delivery. */
  listen(callback: (error?: unknown) => void): void {
    let subscription: QueueSubscription;
    try {
      subscription = { messages: this.messages(), handle: (batch) => this.options.settle(batch, (messages, context) => this.invoke(messages, context)).then(() => undefined) };
    } catch (error) {
      return callback(error);
    }
    this.started = this.consume(subscription);
    this.started.catch((error) => this.log.error(`consumer for ${this.options.queue} did not start: ${error}`));
    callback();
  }

  /** The service's subscriptions: one message per `@EventPattern`, with its contract's routing key. */
  messages(): MessageDefinition[] {
    return [...this.getHandlers()].map(([pattern, handler]) => {
      const message = findMessageDefinition(pattern);
      if (!message) throw new Error(`@EventPattern('${pattern}') names no message in libs/contracts`);
      if (!handler.isEventHandler) throw new Error(`${pattern}: messages are events here; use @EventPattern, not @MessagePattern`);
      // One handler per message: the inbox records a message once per queue, so a second handler's effect could be lost.
      if (handler.next) throw new Error(`${pattern} has more than one @EventPattern handler`);
      return message;
    });
  }

  private async consume(subscription: QueueSubscription): Promise<void> {
    await this.options.ready;
    await this.registry.consume(this.options.queue, subscription);
    this.log.log(`consuming ${this.options.queue}: ${subscription.messages.map((message) => message.type).join(', ')}`);
  }

  private async invoke(batch: readonly ReceivedMessage[], context: Context): Promise<void> {
    const batched = new Map<MessageHandler, ReceivedMessage[]>();
    for (const received of batch) {
      // Cannot be missing: the queue is bound only to the patterns' routing keys, and the consumer dead-letters other types.
      // Looked up by the type itself: every pattern here is a message's type (messages() checks it), and Nest's
      // getHandlerByPattern would first try each one as JSON, a thrown and caught SyntaxError per message.
      const handler = this.getHandlers().get(received.envelope.type);
      if (!handler) throw new Error(`no handler for ${received.envelope.type}`);
      if (handler.extras?.batch) batched.set(handler, [...(batched.get(handler) ?? []), received]);
      else await handleInMessageTrace(received, () => this.call(handler, received.envelope, context));
    }
    for (const [handler, messages] of batched) await this.call(handler, messages, context);
  }

  private async call(handler: MessageHandler, payload: unknown, context: Context): Promise<void> {
    // Nest hands back the method's result, or an Observable that errors with what it threw (see MessageController).
    await lastValueFrom(this.transformToObservable(await handler(payload, context)), { defaultValue: undefined });
  }

  /** Nothing to close: ConsumerRegistry drains the queue on shutdown, before Nest disposes of this. */
  close(): void {
    return undefined;
  }

  on(): never {
    throw new Error('MessageTransport emits no status events');
  }

  unwrap<T>(): T {
    return this.registry as T;
  }
}

/**
 * Makes the app hybrid (HTTP and messages, one container): connects the app's `transport`
 * provider and starts it. Returns at once; the transport's `started` resolves when the queue
 * is being consumed.
 */
export async function connectMessageTransport<T extends CustomTransportStrategy>(app: INestApplication, transport: Type<T>): Promise<T> {
  const strategy = app.get(transport);
  app.connectMicroservice({ strategy });
  await app.startAllMicroservices();
  return strategy;
}
