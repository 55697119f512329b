import type { IEvent } from '@nestjs/cqrs';
import type { SubscribedMessage } from './checkout-saga.events';
import type { Outcome } from './checkout-state-machine';
import type { Completion } from './completion';

/** An integration event from another service, taken off the orchestrator's queue. */
export class CheckoutMessageReceived implements IEvent {
  constructor(
    readonly message: SubscribedMessage,
    readonly completion: Completion<Outcome | undefined>,
  ) {}
}
