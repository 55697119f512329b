import { InboxTransportModule } from '@checkout/outbox';
import { PaymentsMessageController } from './payments.message.controller';
import { CreatePaymentSessionHandler } from './payment-sessions/create-payment-session.handler';
import { ExpirePaymentSessionHandler } from './payment-sessions/expire-payment-session.handler';
import { PaymentsModule } from './payments/payments.module';
import { RefundPaymentHandler } from './refunds/refund-payment.handler';

export const PAYMENTS_QUEUE = 'payments-svc';

/**
 * payments-svc's queue and its message controller (PaymentsMessageController lists every
 * subscription). Tests pass a queue of their own.
 */
export const PaymentsSubscriptions = (queue: string = PAYMENTS_QUEUE) =>
  InboxTransportModule.register({
    queue,
    controllers: [PaymentsMessageController],
    providers: [CreatePaymentSessionHandler, ExpirePaymentSessionHandler, RefundPaymentHandler],
    imports: [PaymentsModule],
  });
