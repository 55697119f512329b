import type { MessageEnvelope } from '@checkout/contracts';
import { MessageController } from '@checkout/messaging';
import { EventBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CheckoutMessageReceived } from './checkout-message-received.event';
import { isSubscribed } from './checkout-saga.events';
import { CHECKOUT_SUBSCRIPTIONS } from './checkout.subscriptions';
import type { Outcome } from './checkout-state-machine';
import { Completion } from './completion';

/**
 * Puts each message from the orchestrator's queue on the CQRS EventBus and lets the consumer
 * ack it only once the command it became has committed (or retry it when that failed).
 *
 * The path, hop by hop: {@link CheckoutMessageReceived} → `CheckoutSaga.integrationEvents`
 * (checkout.saga.ts) → `ApplyCheckoutEvent` → `ApplyCheckoutEventHandler`, which applies
 * the table row in the inbox's transaction and settles the completion. Nest's sagas execute
 * the commands they emit and keep the result to themselves, hence the completion (decision 0028).
 */
@MessageController()
export class CheckoutMessageController {
  constructor(private readonly eventBus: EventBus) {}

  @EventPattern(CHECKOUT_SUBSCRIPTIONS.map((message) => message.type))
  async received(@Payload() message: MessageEnvelope): Promise<void> {
    // Cannot fail: the transport hands over only the types subscribed to above.
    if (!isSubscribed(message)) throw new Error(`${message.type} is not among the orchestrator's subscriptions`);
    const completion = new Completion<Outcome | undefined>();
    this.eventBus.publish(new CheckoutMessageReceived(message, completion));
    await completion.promise;
  }
}
