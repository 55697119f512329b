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
    const { checkoutId, id: paymentId, amount, currency } = payment;
    // Sent together, one round trip: if the update finds the payment changed meanwhile it
    // throws, and the transaction, outbox row included, rolls back.
    await Promise.all([
      updatePayment(tx, payment, { status: 'succeeded', providerPaymentId }),
      this.outbox.enqueue(tx, PaymentCompleted, { checkoutId, paymentId, providerPaymentId, amount, currency }, { correlationId: checkoutId, causedBy }),
    ]);
  }
}
