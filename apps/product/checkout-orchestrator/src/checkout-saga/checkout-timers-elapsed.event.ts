import type { IEvent } from '@nestjs/cqrs';
import type { DueTimer } from '../timers/saga-timers';

/** Saga deadlines that passed (found together by one scan of the timer scheduler). */
export class CheckoutTimersElapsed implements IEvent {
  constructor(readonly due: readonly DueTimer[]) {}
}
