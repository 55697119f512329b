import { PaymentSessionExpiryRequested, PaymentSessionRequested, RefundRequested } from '@checkout/contracts';
import { InboxConsumerModule, on } from '@checkout/outbox';
import { CreatePaymentSessionHandler } from './payment-sessions/create-payment-session.handler';
import { ExpirePaymentSessionHandler } from './payment-sessions/expire-payment-session.handler';
import { PaymentsModule } from './payments/payments.module';
import { RefundPaymentHandler } from './refunds/refund-payment.handler';

export const PAYMENTS_QUEUE = 'payments-svc';

/**
 * Every message payments-svc handles, and its handler. Each runs through the inbox, so a
 * redelivered message has no second effect. (Tests pass a queue of their own.)
 */
export const PaymentsSubscriptions = (queue: string = PAYMENTS_QUEUE) =>
  InboxConsumerModule.register({
    queue,
    subscriptions: [
      on(PaymentSessionRequested, CreatePaymentSessionHandler),
      on(PaymentSessionExpiryRequested, ExpirePaymentSessionHandler),
      on(RefundRequested, RefundPaymentHandler),
    ],
    imports: [PaymentsModule],
  });
