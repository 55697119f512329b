import type { SagaDefinitionView, SagaTransitionView } from '../api/edge-api.types';

/**
 * The checkout saga as GET /api/demo/saga-definition flattens it (a snapshot for tests; the
 * page itself always draws what the orchestrator serves).
 */

const t = (from: string, event: string, to: string, extra: Partial<SagaTransitionView> = {}): SagaTransitionView => ({
  from,
  to,
  event,
  send: [],
  compensation: false,
  when: null,
  note: null,
  ...extra,
});
const undo = { compensation: true };

export const CHECKOUT_DEFINITION: SagaDefinitionView = {
  name: 'Checkout',
  initial: 'Initiated',
  states: [
    { name: 'Initiated', final: false, attention: false },
    { name: 'StockReserved', final: false, attention: false },
    { name: 'AwaitingPayment', final: false, attention: false },
    { name: 'Compensating', final: false, attention: false },
    { name: 'Completed', final: true, attention: false },
    { name: 'Cancelled', final: true, attention: false },
    { name: 'Failed', final: false, attention: true },
  ],
  transitions: [
    t('Initiated', 'StockReserved', 'StockReserved', { send: ['PaymentSessionRequested'] }),
    t('Initiated', 'StockReservationFailed', 'Cancelled', { send: ['CheckoutCancelled'] }),
    t('StockReserved', 'PaymentSessionCreated', 'AwaitingPayment'),
    t('StockReserved', 'PaymentSessionFailed', 'Compensating', undo),
    t('StockReserved', 'PaymentCompleted', 'Completed'),
    t('StockReserved', 'PaymentFailed', 'Compensating', undo),
    t('AwaitingPayment', 'PaymentCompleted', 'Completed'),
    t('AwaitingPayment', 'PaymentFailed', 'Compensating', undo),
    t('AwaitingPayment', 'PaymentTimedOut', 'Compensating', undo),
    t('Compensating', 'StockReleased', 'Cancelled', undo),
    t('Compensating', 'ReleaseTimedOut', 'Compensating', { ...undo, when: 'releaseRetriesLeft' }),
    t('Compensating', 'ReleaseTimedOut', 'Failed', { when: 'releaseRetriesExhausted' }),
    t('Compensating', 'PaymentCompleted', 'Compensating', undo),
    t('Compensating', 'PaymentRefunded', 'Compensating', undo),
    t('Cancelled', 'PaymentCompleted', 'Cancelled', undo),
    t('Cancelled', 'PaymentRefunded', 'Cancelled', undo),
    t('Cancelled', 'RefundFailed', 'Failed'),
    t('Failed', 'ResumeRequested', 'Compensating', { ...undo, when: 'failedReleasingStock' }),
    t('Failed', 'ResumeRequested', 'Cancelled', { ...undo, when: 'failedRefunding' }),
    t('Failed', 'StockReleased', 'Cancelled', undo),
    t('Failed', 'PaymentCompleted', 'Failed', undo),
    t('Failed', 'PaymentRefunded', 'Cancelled', undo),
  ],
};

export { t as transition };
