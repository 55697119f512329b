import type { MessageEnvelope } from '@checkout/contracts';
import { ConsumerRegistry } from '@checkout/messaging';
import { DatabaseService } from '@checkout/platform';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ORCHESTRATOR_CONSUMER } from './apply-checkout-event.handler';
import { CheckoutMessageReceived } from './checkout-message-received.event';
import { isSubscribed } from './checkout-saga.events';
import { CHECKOUT_SUBSCRIPTIONS } from './checkout.subscriptions';
import type { Outcome } from './checkout-state-machine';
import { Completion } from './completion';

/**
 * Puts each message from the orchestrator's queue on the CQRS EventBus and acks it only once
 * the command it became has committed (or lets it be retried when that failed).
 *
 * The path, hop by hop: {@link CheckoutMessageReceived} → `CheckoutSaga.integrationEvents`
 * (checkout.saga.ts) → `ApplyCheckoutEvent` → `ApplyCheckoutEventHandler`, which applies
 * the table row and settles the completion. Nest's sagas execute the commands they emit and
 * keep the result to themselves, hence the completion (decision 0028).
 */
@Injectable()
export class CheckoutMessageConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('CheckoutMessageConsumer');

  constructor(
    private readonly registry: ConsumerRegistry,
    private readonly eventBus: EventBus,
    private readonly database: DatabaseService,
  ) {}

  onApplicationBootstrap(): void {
    void this.start().catch((error) => this.logger.error(`could not start consuming: ${error}`));
  }

  private async start(): Promise<void> {
    await this.database.ready;
    await this.registry.consume(
      ORCHESTRATOR_CONSUMER,
      CHECKOUT_SUBSCRIPTIONS.map((message) => ({ message, handler: (envelope) => this.dispatch(envelope) })),
    );
  }

  private async dispatch(message: MessageEnvelope): Promise<void> {
    // Cannot fail: the consumer hands over only the types subscribed to above.
    if (!isSubscribed(message)) throw new Error(`${message.type} is not among the orchestrator's subscriptions`);
    const completion = new Completion<Outcome | undefined>();
    this.eventBus.publish(new CheckoutMessageReceived(message, completion));
    await completion.promise;
  }
}
