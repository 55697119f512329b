import type { InboxContext } from '@checkout/outbox';
import type { IEvent } from '@nestjs/cqrs';
import type { Context } from '@opentelemetry/api';
import type { SubscribedMessage } from './checkout-saga.events';

/** A batch of integration events from other services, taken off the orchestrator's queue, in delivery order. */
export class CheckoutMessagesReceived implements IEvent {
  constructor(
    /** Each with the trace it is handled in (its consumer span): the messages it causes continue it. */
    readonly messages: readonly { readonly envelope: SubscribedMessage; readonly trace: Context }[],
    /** The batch's inbox transaction: the saga steps commit in it. */
    readonly inbox: InboxContext,
  ) {}
}
