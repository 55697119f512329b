import { BATCH, handleInMessageTrace, MessageController, type ReceivedMessage } from '@checkout/messaging';
import type { InboxContext } from '@checkout/outbox';
import { CommandBus } from '@nestjs/cqrs';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { context } from '@opentelemetry/api';
import { firstValueFrom, of } from 'rxjs';
import { CheckoutMessagesReceived } from './checkout-messages-received.event';
import { isSubscribed, type SubscribedMessage } from './checkout-saga.events';
import { CheckoutSaga } from './checkout.saga';
import { CHECKOUT_SUBSCRIPTIONS } from './checkout.subscriptions';

/**
 * Takes each batch of the orchestrator's queue, in its inbox transaction like every service's
 * message controller, to the saga: `CheckoutSaga.integrationEvents` turns it into one
 * `ApplyCheckoutEvents` command, whose handler applies the table rows and writes the steps in
 * that transaction. Awaiting the command is what lets the batch be acked only after it committed.
 */
@MessageController()
export class CheckoutMessageController {
  constructor(
    private readonly saga: CheckoutSaga,
    private readonly commands: CommandBus,
  ) {}

  @EventPattern(CHECKOUT_SUBSCRIPTIONS.map((message) => message.type), BATCH)
  async received(@Payload() batch: readonly ReceivedMessage[], @Ctx() inbox: InboxContext): Promise<void> {
    const messages = await Promise.all(batch.map((received) => traced(received)));
    const command = await firstValueFrom(this.saga.integrationEvents(of(new CheckoutMessagesReceived(messages, inbox))));
    await this.commands.execute(command);
  }
}

/** The message with the context of its consumer span, which the messages it causes continue. */
function traced(received: ReceivedMessage): Promise<{ envelope: SubscribedMessage; trace: ReturnType<typeof context.active> }> {
  const { envelope } = received;
  // Cannot fail: the transport hands over only the types subscribed to above.
  if (!isSubscribed(envelope)) throw new Error(`${envelope.type} is not among the orchestrator's subscriptions`);
  return handleInMessageTrace(received, async () => ({ envelope, trace: context.active() }));
}
