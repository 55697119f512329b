import { Inject, Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { map, Observable } from 'rxjs';
import { ApplyCheckoutEvent } from './apply-checkout-event.command';
import { CHECKOUT_POLICY, type CheckoutPolicy } from './checkout-data';
import { CheckoutMessageReceived } from './checkout-message-received.event';
import type { CheckoutEvent } from './checkout-saga.definition';
import type { SagaEvent } from './checkout-state-machine';
import { CheckoutTimerElapsed } from './checkout-timer-elapsed.event';

const TIMER_EVENTS: Record<CheckoutTimerElapsed['due']['timer'], CheckoutEvent> = {
  payment: 'PaymentTimedOut',
  release: 'ReleaseTimedOut',
};

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
      map(({ message, completion }) => {
        // The saga's events carry the integration events' names, so the payload passes as is.
        const event = { type: message.type, payload: message.payload } as SagaEvent;
        return new ApplyCheckoutEvent(message.correlationId, event, { kind: 'message', envelope: message }, completion);
      }),
    );

  @Saga()
  timers = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(CheckoutTimerElapsed),
      map(({ due, completion }) => {
        const payload = due.timer === 'payment' ? { afterMs: this.policy.paymentTimeoutMs } : {};
        const event = { type: TIMER_EVENTS[due.timer], payload } as SagaEvent;
        return new ApplyCheckoutEvent(due.checkoutId, event, { kind: 'timer', due }, completion);
      }),
    );
}
