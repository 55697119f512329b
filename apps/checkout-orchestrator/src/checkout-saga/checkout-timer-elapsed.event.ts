import type { IEvent } from '@nestjs/cqrs';
import type { DueTimer } from '../timers/saga-timers';
import type { Outcome } from './checkout-state-machine';
import type { Completion } from './completion';

/** A saga deadline passed (found by the timer scheduler). */
export class CheckoutTimerElapsed implements IEvent {
  constructor(
    readonly due: DueTimer,
    readonly completion: Completion<Outcome | undefined>,
  ) {}
}
