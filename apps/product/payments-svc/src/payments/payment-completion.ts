import { type MessageEnvelope, PaymentCompleted } from '@checkout/contracts';
import { Outbox } from '@checkout/outbox';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PaymentEntity } from './payment.entity';
import { updatePayment } from './payment.repository';

/**
 * The one way a payment succeeds, whoever learnt it first (the webhook, or the expiry that
 * found the session already paid): the row is marked succeeded and the saga hears
 * PaymentCompleted, in the caller's transaction. The amount and currency come from our own
 * record, the amount the catalog priced, never from what the provider said.
 */
@Injectable()
export class PaymentCompletion {
  constructor(private readonly outbox: Outbox) {}

  async complete(tx: EntityManager, payment: PaymentEntity, providerPaymentId: string, causedBy?: MessageEnvelope): Promise<void> {
    await updatePayment(tx, payment, { status: 'succeeded', providerPaymentId });
    const { checkoutId, id: paymentId, amount, currency } = payment;
    await this.outbox.enqueue(
      tx,
      PaymentCompleted,
      { checkoutId, paymentId, providerPaymentId, amount, currency },
      { correlationId: checkoutId, causedBy },
    );
  }
}
