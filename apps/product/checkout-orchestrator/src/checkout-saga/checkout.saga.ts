import { contextOfTraceparent } from '@checkout/platform';
import { Inject, Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { map, Observable } from 'rxjs';
import { ApplyCheckoutEvents } from './apply-checkout-events.command';
import { CHECKOUT_POLICY, type CheckoutPolicy } from './checkout-data';
import { CheckoutMessagesReceived } from './checkout-messages-received.event';
import type { CheckoutTimer } from './checkout-saga.definition';
import type { SagaEvent } from './checkout-saga.events';
import { CheckoutTimersElapsed } from './checkout-timers-elapsed.event';

/**
 * Routing only: batches of events in, one command per batch out. No state lives here:
 * everything the saga knows is in its rows, locked and saved by the ApplyCheckoutEvents handler.
 */
@Injectable()
export class CheckoutSaga {
  constructor(@Inject(CHECKOUT_POLICY) private readonly policy: CheckoutPolicy) {}

  /**
   * Integration events: each envelope is a saga event as it is (its contract's name and
   * payload). The message controller runs this stream on its batch and executes the command
   * itself, since its ack must follow the command's commit, and Nest keeps the result of a
   * command it executes from a saga to itself (decision 0034).
   */
  @Saga()
  integrationEvents = (events$: Observable<IEvent>): Observable<ApplyCheckoutEvents> =>
    events$.pipe(
      ofType(CheckoutMessagesReceived),
      map(({ messages, inbox }) =>
        new ApplyCheckoutEvents(
          messages.map(({ envelope, trace }) => ({ checkoutId: envelope.correlationId, event: envelope, source: { kind: 'message', envelope }, trace })),
          inbox,
        ),
      ),
    );

  /**
   * Deadlines, fired through the EventBus in one transaction of their own (the handler claims
   * each timer), each in the trace of the transaction that armed it, so a timeout and its
   * compensation show in the checkout's trace.
   */
  @Saga()
  timers = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(CheckoutTimersElapsed),
      map(({ due }) =>
        new ApplyCheckoutEvents(
          due.map((timer) => ({ checkoutId: timer.checkoutId, event: this.elapsed(timer.timer), source: { kind: 'timer', due: timer }, trace: contextOfTraceparent(timer.traceparent) })),
        ),
      ),
    );

  private elapsed(timer: CheckoutTimer): SagaEvent<'PaymentTimedOut' | 'ReleaseTimedOut'> {
    if (timer === 'payment') return { type: 'PaymentTimedOut', payload: { afterMs: this.policy.paymentTimeoutMs } };
    return { type: 'ReleaseTimedOut', payload: {} };
  }
}
