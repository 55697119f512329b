import { DatabaseService } from '@checkout/platform';
import { Injectable } from '@nestjs/common';
import { IdempotentRequests, IdempotentResult } from '../idempotency/idempotent-requests.service';
import { requestFingerprint } from '../idempotency/request-fingerprint';
import { PspMetrics } from '../psp.metrics';
import { SandboxSettings } from '../sandbox.settings';
import { CustomerScheduler } from '../simulated-customer/customer-scheduler.service';
import { InvalidRequestError, ResourceMissingError } from '../stripe-api/stripe-api.error';
import { EventRecorder } from '../webhooks/event-recorder.service';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.worker';
import { newId } from '../stripe-api/stripe-ids';
import { CheckoutSession } from './checkout-session.entity';
import { StripeCheckoutSession, toStripeSession } from './checkout-session.view';
import { type NewSession, parseCreateSession } from './create-session.params';
import { insertSession } from './insert-session';
import { SESSION_COLUMNS, type SessionRow, sessionFromRow } from './session-row';

@Injectable()
export class CheckoutSessionsService {
  constructor(
    private readonly database: DatabaseService,
    private readonly idempotency: IdempotentRequests,
    private readonly customers: CustomerScheduler,
    private readonly settings: SandboxSettings,
    private readonly metrics: PspMetrics,
    private readonly events: EventRecorder,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  /**
   * Creates an open session and plans what its simulated customer will do, with its
   * Idempotency-Key, in one statement (`insertSession`): a session can never exist without its
   * customer's plan, nor a claimed key without its session. This runs for every checkout, so it
   * is one round trip and no transaction of its own.
   */
  async create(params: unknown, idempotencyKey: string | undefined): Promise<IdempotentResult<StripeCheckoutSession>> {
    const fingerprint = requestFingerprint('POST /v1/checkout/sessions', params);
    const now = new Date();
    let input: NewSession;
    try {
      input = parseCreateSession(params, now);
    } catch (error) {
      // A key already used for other parameters is refused as such, as it always was.
      if (idempotencyKey !== undefined) await this.idempotency.stored(idempotencyKey, fingerprint);
      throw error;
    }
    const session: CheckoutSession = { ...input, id: newId('cs_test'), status: 'open', paymentStatus: 'unpaid', paymentIntentId: null, createdAt: now };
    const body = toStripeSession(session, this.settings.publicUrl);
    const plan = this.customers.plan(session);
    const claim = idempotencyKey === undefined ? undefined : { key: idempotencyKey, fingerprint, body };
    if (await insertSession(this.database.dataSource, session, plan, claim)) {
      this.metrics.sessionsCreated.inc();
      this.customers.remind(plan);
      return { body, replayed: false };
    }
    // Only a key claimed first by another request stops the insert: its answer, or a refusal if
    // it was used for other parameters.
    const stored = claim && (await this.idempotency.stored<StripeCheckoutSession>(claim.key, fingerprint));
    if (stored) return { body: stored, replayed: true };
    return this.create(params, idempotencyKey); // the key's row was deleted by retention in between
  }

  async retrieve(id: string): Promise<StripeCheckoutSession> {
    const session = await this.find(id);
    if (!session) throw new ResourceMissingError('checkout.session', id, 'session');
    return toStripeSession(session, this.settings.publicUrl);
  }

  /**
   * Stripe's `POST /v1/checkout/sessions/:id/expire`: an open session becomes expired at once
   * (nobody can pay it any more) and `checkout.session.expired` is sent. Any other session is
   * refused with a 400, which is how the caller learns it was paid (or was expired already).
   * The row is locked, so a customer paying at this very moment either finishes first (and
   * the expiry is refused) or finds the session expired.
   */
  async expire(id: string, idempotencyKey: string | undefined): Promise<IdempotentResult<StripeCheckoutSession>> {
    const fingerprint = requestFingerprint('POST /v1/checkout/sessions/:id/expire', { id });
    const result = await this.idempotency.run(idempotencyKey, fingerprint, async (tx) => {
      const session = await tx.findOne(CheckoutSession, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!session) throw new ResourceMissingError('checkout.session', id, 'session');
      if (session.status !== 'open') {
        throw new InvalidRequestError(`Only Checkout Sessions with a status of open can be expired; this one is ${session.status}.`, {
          code: 'checkout_session_not_open',
        });
      }
      const expired = { status: 'expired', expiresAt: new Date() } as const;
      await tx.update(CheckoutSession, { id }, expired);
      const view = toStripeSession({ ...session, ...expired }, this.settings.publicUrl);
      await this.events.record(tx, 'checkout.session.expired', view);
      return view;
    });
    if (!result.replayed) {
      this.metrics.sessionsExpired.inc();
      this.metrics.eventsCreated.inc({ type: 'checkout.session.expired' });
      this.dispatcher.wake(); // committed: deliver now rather than at the next poll
    }
    return result;
  }

  /** Plain SQL: payments asks for every paid session, so this runs once a checkout. */
  async find(id: string): Promise<CheckoutSession | null> {
    const rows: SessionRow[] = await this.database.dataSource.query(`SELECT ${SESSION_COLUMNS} FROM psp.checkout_sessions WHERE id = $1`, [id]);
    return rows.length === 0 ? null : sessionFromRow(rows[0]);
  }
}
