import { DatabaseService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdempotentRequests, IdempotentResult } from '../idempotency/idempotent-requests.service';
import { requestFingerprint } from '../idempotency/request-fingerprint';
import { PaymentIntent } from '../payment-intents/payment-intent.entity';
import { PspMetrics } from '../psp.metrics';
import { InvalidRequestError, ResourceMissingError } from '../stripe-api/stripe-api.error';
import { newId } from '../stripe-api/stripe-ids';
import { parseParams } from '../stripe-api/stripe-params';
import { CreateRefundParams } from './create-refund.params';
import { refundAmount } from './refund-amount';
import { Refund } from './refund.entity';
import { StripeRefund, toStripeRefund } from './refund.view';

@Injectable()
export class RefundsService {
  constructor(
    private readonly database: DatabaseService,
    private readonly idempotency: IdempotentRequests,
    private readonly metrics: PspMetrics,
  ) {}

  /** Refunds all or part of a succeeded payment intent; the refund succeeds at once. */
  async create(body: unknown, idempotencyKey: string | undefined): Promise<IdempotentResult<StripeRefund>> {
    const fingerprint = requestFingerprint('POST /v1/refunds', body);
    const result = await this.idempotency.run(idempotencyKey, fingerprint, async (tx) => {
      const params = parseParams(CreateRefundParams, body);
      const intent = await this.lockRefundable(tx, params.payment_intent);
      const refunded = (await tx.sum(Refund, 'amount', { paymentIntentId: intent.id })) ?? 0;
      const refund = tx.create(Refund, {
        id: newId('re'),
        paymentIntentId: intent.id,
        amount: refundAmount(intent.id, intent.amount, refunded, params.amount),
        currency: intent.currency,
        status: 'succeeded',
        reason: params.reason ?? null,
        metadata: params.metadata ?? {},
        createdAt: new Date(),
      });
      await tx.insert(Refund, refund);
      return toStripeRefund(refund);
    });
    if (!result.replayed) this.metrics.refundsCreated.inc();
    return result;
  }

  async retrieve(id: string): Promise<StripeRefund> {
    const refund = await this.database.dataSource.getRepository(Refund).findOneBy({ id });
    if (!refund) throw new ResourceMissingError('refund', id, 'refund');
    return toStripeRefund(refund);
  }

  /**
   * Locks the payment intent for the rest of the transaction: two concurrent refunds of one
   * payment take turns, so the second sees the first and both cannot exceed what was paid.
   */
  private async lockRefundable(tx: EntityManager, id: string): Promise<PaymentIntent> {
    const intent = await tx.findOne(PaymentIntent, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!intent) {
      throw new InvalidRequestError(`No such payment_intent: '${id}'`, { code: 'resource_missing', param: 'payment_intent' });
    }
    if (intent.status !== 'succeeded') {
      throw new InvalidRequestError(`This PaymentIntent (${id}) does not have a successful charge to refund.`, {
        code: 'charge_not_refundable',
        param: 'payment_intent',
      });
    }
    return intent;
  }
}
