import type { MessageEnvelope } from '@checkout/contracts';
import type { ICommand } from '@nestjs/cqrs';
import type { DueTimer } from '../timers/saga-timers';
import type { SagaEvent } from './checkout-saga.events';
import type { Outcome } from './checkout-state-machine';
import type { Completion } from './completion';

/** Where an event came from decides how it is made exactly-once. */
export type EventSource =
  | { readonly kind: 'message'; readonly envelope: MessageEnvelope } // de-duplicated by the inbox
  | { readonly kind: 'timer'; readonly due: DueTimer } // claimed and deleted with SKIP LOCKED
  | { readonly kind: 'operator'; readonly requestId: string };

/** Apply one event to one checkout, following the saga table. */
export class ApplyCheckoutEvent implements ICommand {
  constructor(
    readonly checkoutId: string,
    readonly event: SagaEvent,
    readonly source: EventSource,
    readonly completion: Completion<Outcome | undefined>,
  ) {}
}
