import type { CheckoutData, CheckoutPolicy } from './checkout-data';
import type { CheckoutGuard } from './checkout-saga.definition';

/** The table's named conditions. Pure: they read the saga's data and the policy, nothing else. */
export const CHECKOUT_GUARDS: Record<CheckoutGuard, (data: CheckoutData, policy: CheckoutPolicy) => boolean> = {
  releaseRetriesLeft: (data, policy) => data.releaseAttempts < policy.maxReleaseAttempts,
  releaseRetriesExhausted: (data, policy) => data.releaseAttempts >= policy.maxReleaseAttempts,
  failedReleasingStock: (data) => data.failedStep === 'release',
  failedRefunding: (data) => data.failedStep !== 'release' && data.refundFailed === true,
  refundOutstanding: (data) => data.refundFailed === true,
};
