import { type EnvelopeOf, PaymentSessionExpiryRequested, PaymentSessionRequested, RefundRequested } from '@checkout/contracts';
import { MessageController } from '@checkout/messaging';
import type { InboxContext } from '@checkout/outbox';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CreatePaymentSessionHandler } from './payment-sessions/create-payment-session.handler';
import { ExpirePaymentSessionHandler } from './payment-sessions/expire-payment-session.handler';
import { RefundPaymentHandler } from './refunds/refund-payment.handler';

/**
 * Every message payments-svc handles: its queue is bound to exactly these. Each runs through
 * the inbox (`inbox.tx`), so a redelivered message has no second effect.
 */
@MessageController()
export class PaymentsMessageController {
  constructor(
    private readonly createSession: CreatePaymentSessionHandler,
    private readonly expireSession: ExpirePaymentSessionHandler,
    private readonly refundPayment: RefundPaymentHandler,
  ) {}

  @EventPattern(PaymentSessionRequested.type)
  create(@Payload() message: EnvelopeOf<typeof PaymentSessionRequested>, @Ctx() inbox: InboxContext): Promise<void> {
    return this.createSession.handle(message, inbox.tx);
  }

  @EventPattern(PaymentSessionExpiryRequested.type)
  expire(@Payload() message: EnvelopeOf<typeof PaymentSessionExpiryRequested>, @Ctx() inbox: InboxContext): Promise<void> {
    return this.expireSession.handle(message, inbox.tx);
  }

  @EventPattern(RefundRequested.type)
  refund(@Payload() message: EnvelopeOf<typeof RefundRequested>, @Ctx() inbox: InboxContext): Promise<void> {
    return this.refundPayment.handle(message, inbox.tx);
  }
}
