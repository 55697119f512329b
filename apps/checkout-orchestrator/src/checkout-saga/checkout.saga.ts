import { Inject, Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { map, Observable } from 'rxjs';
import { ApplyCheckoutEvent } from './apply-checkout-event.command';
import { CHECKOUT_POLICY, type CheckoutPolicy } from './checkout-data';
import { CheckoutMessageReceived } from './checkout-message-received.event';
import type { CheckoutTimer } from './checkout-saga.definition';
import type { SagaEvent } from './checkout-saga.events';
import { CheckoutTimerElapsed } from './checkout-timer-elapsed.event';

/**
 * Routing only: events in, commands out. No state lives here: everything the saga knows is in
 * its row, loaded and saved by the ApplyCheckoutEvent handler.
 */
@Injectable()
export class CheckoutSaga {
  constructor(@Inject(CHECKOUT_POLICY) private readonly policy: CheckoutPolicy) {}

  @Saga()
  integrationEvents = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(CheckoutMessageReceived),
      // An integration event is a saga event as it is: its contract's name and payload.
      map(({ message, completion }) => new ApplyCheckoutEvent(message.correlationId, message, { kind: 'message', envelope: message }, completion)),
    );

  @Saga()
  timers = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(CheckoutTimerElapsed),
      map(({ due, completion }) => new ApplyCheckoutEvent(due.checkoutId, this.elapsed(due.timer), { kind: 'timer', due }, completion)),
    );

  private elapsed(timer: CheckoutTimer): SagaEvent<'PaymentTimedOut' | 'ReleaseTimedOut'> {
    if (timer === 'payment') return { type: 'PaymentTimedOut', payload: { afterMs: this.policy.paymentTimeoutMs } };
    return { type: 'ReleaseTimedOut', payload: {} };
  }
}
