import type { ICommand } from '@nestjs/cqrs';
import type { StartCheckoutBody } from './start-checkout.request';

/** Start a checkout saga for this order, once per idempotency key. */
export class StartCheckout implements ICommand {
  constructor(
    readonly body: StartCheckoutBody,
    readonly idempotencyKey: string,
  ) {}
}

export interface CheckoutAccepted {
  checkoutId: string;
  state: string;
}
