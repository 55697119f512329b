import { RetentionModule, type RetentionOptions } from '@checkout/platform';
import { finishedCheckouts } from './checkout.retention';

/** The orchestrator's retention: finished checkouts; the outbox and inbox forget on the same rule. */
export const checkoutRetention = (options: RetentionOptions) =>
  RetentionModule.forRoot({ options, steps: [finishedCheckouts], alsoVacuum: ['checkout.outbox', 'checkout.inbox'] });
