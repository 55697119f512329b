import type { InboxContext } from '@checkout/outbox';
import type { ICommand } from '@nestjs/cqrs';
import type { Context } from '@opentelemetry/api';
import type { DueTimer } from '../timers/saga-timers';
import type { SagaEvent, SubscribedMessage } from './checkout-saga.events';

/** Where an event came from decides how it is made exactly-once. */
export type EventSource =
  | { readonly kind: 'message'; readonly envelope: SubscribedMessage } // de-duplicated by the inbox
  | { readonly kind: 'timer'; readonly due: DueTimer } // claimed and deleted with SKIP LOCKED
  | { readonly kind: 'operator'; readonly requestId: string };

/** One event for one checkout, and the trace it is applied in. */
export interface SagaInput {
  readonly checkoutId: string;
  readonly event: SagaEvent;
  readonly source: EventSource;
  readonly trace: Context;
}

/**
 * Apply a batch of events, in order, following the saga table. `inbox` is the transaction of
 * the messages' batch (its inbox rows commit with the steps); without one (a timer, an
 * operator) the handler opens its own.
 */
export class ApplyCheckoutEvents implements ICommand {
  constructor(
    readonly inputs: readonly SagaInput[],
    readonly inbox?: InboxContext,
  ) {}
}
