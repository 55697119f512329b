import { findMessageDefinition, type MessageEnvelope } from '@checkout/contracts';
import type { INestApplication, Type } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { ConsumerRegistry } from './consumer-registry';
import type { Subscription } from './message-handler';

export interface MessageTransportOptions<Context> {
  /** The queue the service consumes; bound to the routing key of every `@EventPattern`. */
  readonly queue: string;
  /**
   * Runs one message's handling around its controller method (the inbox's transaction):
   * `invoke` calls the method with `context` as its `@Ctx()`. Resolving means "done, and
   * durable", as for any EnvelopeHandler; throwing means "try again later". Without it, the
   * method is called with no context and its own promise decides.
   */
  readonly settle?: (envelope: MessageEnvelope, invoke: (context: Context) => Promise<void>) => Promise<unknown>;
  /** What consuming waits for (the database). Awaited after `listen` returned: start-up never blocks on it. */
  readonly ready?: Promise<void>;
}

/**
 * Nest's transport for our queue: the `@EventPattern('<message type>')` methods of a service's
 * message controllers become the handlers of its ConsumerRegistry queue. Everything that
 * makes consuming reliable stays in QueueConsumer (ack after commit, retries with delays,
 * dead letters, tracing, metrics, the drain); this class only turns patterns into subscriptions.
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
    let subscriptions: Subscription[];
    try {
      subscriptions = this.subscriptions();
    } catch (error) {
      return callback(error);
    }
    this.started = this.consume(subscriptions);
    this.started.catch((error) => this.log.error(`consumer for ${this.options.queue} did not start: ${error}`));
    callback();
  }

  /** The service's subscriptions: one per `@EventPattern`, each with its contract's routing key. */
  subscriptions(): Subscription[] {
    return [...this.getHandlers()].map(([pattern, handler]) => {
      const message = findMessageDefinition(pattern);
      if (!message) throw new Error(`@EventPattern('${pattern}') names no message in libs/contracts`);
      if (!handler.isEventHandler) throw new Error(`${pattern}: messages are events here; use @EventPattern, not @MessagePattern`);
      // One handler per message: the inbox records a message once per queue, so a second handler's effect could be lost.
      if (handler.next) throw new Error(`${pattern} has more than one @EventPattern handler`);
      return { message, handler: (envelope: MessageEnvelope) => this.handle(handler, envelope) };
    });
  }

  private async consume(subscriptions: Subscription[]): Promise<void> {
    await this.options.ready;
    await this.registry.consume(this.options.queue, subscriptions);
    this.log.log(`consuming ${this.options.queue}: ${subscriptions.map((s) => s.message.type).join(', ')}`);
  }

  private async handle(handler: MessageHandler, envelope: MessageEnvelope): Promise<void> {
    const invoke = async (context?: Context) => {
      // Nest hands back the method's result, or an Observable that errors with what it threw (see MessageController).
      await lastValueFrom(this.transformToObservable(await handler(envelope, context)), { defaultValue: undefined });
    };
    await (this.options.settle ? this.options.settle(envelope, invoke) : invoke());
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
