import { DatabaseService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { IdempotentRequests, IdempotentResult } from '../idempotency/idempotent-requests.service';
import { requestFingerprint } from '../idempotency/request-fingerprint';
import { PspMetrics } from '../psp.metrics';
import { SandboxSettings } from '../sandbox.settings';
import { CustomerScheduler } from '../simulated-customer/customer-scheduler.service';
import { ResourceMissingError } from '../stripe-api/stripe-api.error';
import { newId } from '../stripe-api/stripe-ids';
import { CheckoutSession } from './checkout-session.entity';
import { StripeCheckoutSession, toStripeSession } from './checkout-session.view';
import { parseCreateSession } from './create-session.params';

@Injectable()
export class CheckoutSessionsService {
  constructor(
    private readonly database: DatabaseService,
    private readonly idempotency: IdempotentRequests,
    private readonly customers: CustomerScheduler,
    private readonly settings: SandboxSettings,
    private readonly metrics: PspMetrics,
  ) {}

  /**
   * Creates an open session and, in the same transaction, plans what its simulated customer
   * will do: a session can never exist without its customer's plan, nor the other way round.
   */
  async create(params: unknown, idempotencyKey: string | undefined): Promise<IdempotentResult<StripeCheckoutSession>> {
    const fingerprint = requestFingerprint('POST /v1/checkout/sessions', params);
    const result = await this.idempotency.run(idempotencyKey, fingerprint, async (tx) => {
      const now = new Date();
      const { paymentMethod, ...input } = parseCreateSession(params, now);
      const session = tx.create(CheckoutSession, {
        ...input,
        id: newId('cs_test'),
        status: 'open',
        paymentStatus: 'unpaid',
        paymentIntentId: null,
        paymentMethod,
        createdAt: now,
      });
      await tx.insert(CheckoutSession, session);
      await this.customers.schedule(tx, session);
      return toStripeSession(session, this.settings.publicUrl);
    });
    if (!result.replayed) this.metrics.sessionsCreated.inc();
    return result;
  }

  async retrieve(id: string): Promise<StripeCheckoutSession> {
    const session = await this.find(id);
    if (!session) throw new ResourceMissingError('checkout.session', id, 'session');
    return toStripeSession(session, this.settings.publicUrl);
  }

  find(id: string): Promise<CheckoutSession | null> {
    return this.database.dataSource.getRepository(CheckoutSession).findOneBy({ id });
  }
}
