import { createEnvelope, PaymentCompleted, PaymentSessionCreated } from '@checkout/contracts';
import { Inbox, settleInInbox } from '@checkout/outbox';
import { DatabaseService, MetricsService } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import { seedCheckout, startOrchestrator } from '../testing/orchestrator-test-app';
import { context } from '@opentelemetry/api';
import { ApplyCheckoutEvents } from './apply-checkout-events.command';
import type { SubscribedMessage } from './checkout-saga.events';
import { CheckoutEntity } from './checkout.entity';
import { CheckoutRepository } from './checkout.repository';
import { ORCHESTRATOR_QUEUE } from './checkout.subscriptions';
import type { SagaStep } from './saga-step.writer';

describe('the orchestrator applying events to its saga rows', () => {
  const database = uniqueName('orchestrator');
  const vhost = uniqueName('orchestrator');
  let first: INestApplication;
  let second: INestApplication;

  // Two apps with migrations and broker topology: more than jest's 5 s on a busy machine.
  beforeAll(async () => {
    first = await startOrchestrator(database, vhost);
    second = await startOrchestrator(database, vhost);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  });

  const db = () => first.get(DatabaseService).dataSource;
  const saga = (id: string) => db().manager.findOneByOrFail(CheckoutEntity, { id });
  const history = (id: string) => first.get(CheckoutRepository).history(db().manager, id);
  const armPaymentTimer = (id: string) =>
    db().query(`INSERT INTO checkout.saga_timers (checkout_id, timer, due_at) VALUES ($1, 'payment', now() + interval '150 milliseconds')`, [id]);

  const paymentMessage = (checkoutId: string, paymentId: string) =>
    createEnvelope(PaymentCompleted, { checkoutId, paymentId, providerPaymentId: 'pi_test', amount: 3999, currency: 'GBP' }, { correlationId: checkoutId });

  const sessionMessage = (checkoutId: string, paymentId: string) =>
    createEnvelope(
      PaymentSessionCreated,
      { checkoutId, paymentId, providerSessionId: 'cs_test', expiresAt: new Date(Date.now() + 60_000).toISOString() },
      { correlationId: checkoutId },
    );

  /** Delivers a batch as the orchestrator's queue does: through its inbox, in one transaction. */
  async function deliverBatch(app: INestApplication, envelopes: SubscribedMessage[]): Promise<SagaStep[]> {
    let steps: SagaStep[] = [];
    await settleInInbox(app.get(Inbox), ORCHESTRATOR_QUEUE, envelopes, (e) => e, async (fresh, inbox) => {
      const inputs = fresh.map((envelope) => ({ checkoutId: envelope.correlationId, event: envelope, source: { kind: 'message', envelope } as const, trace: context.active() }));
      steps = await app.get(CommandBus).execute(new ApplyCheckoutEvents(inputs, inbox));
    });
    return steps;
  }
  const deliver = async (app: INestApplication, envelope: SubscribedMessage) => (await deliverBatch(app, [envelope]))[0];

  it('fires a due timer once, though two orchestrators scan for it', async () => {
    const checkoutId = await seedCheckout(first, 'AwaitingPayment');
    await armPaymentTimer(checkoutId);

    await eventually(async () => (await saga(checkoutId)).state === 'ExpiringPayment', 5_000, 'timeout fired');
    await sleep(300);
    const steps = await history(checkoutId);
    expect(steps.filter((s) => s.event === 'PaymentTimedOut')).toHaveLength(1);
    // Re-armed once, by the one firing: the expiry is asked again if it goes unanswered.
    expect(await db().query('SELECT * FROM checkout.saga_timers WHERE checkout_id = $1', [checkoutId])).toEqual([
      expect.objectContaining({ timer: 'payment' }),
    ]);
  });

  it('settles a payment racing its own timeout into one consistent history that ends Completed, never refunded', async () => {
    const checkoutId = await seedCheckout(first, 'AwaitingPayment');
    const { paymentId } = (await saga(checkoutId)).data;
    await armPaymentTimer(checkoutId);
    await sleep(140);
    // The same message delivered to both orchestrators at once, as a redelivery could.
    const message = paymentMessage(checkoutId, paymentId as string);
    await Promise.all([deliver(first, message), deliver(second, message)]);
    await sleep(400);

    const steps = await history(checkoutId);
    const row = await saga(checkoutId);
    // Each step starts where the previous one ended: no write was lost to the race.
    for (let i = 1; i < steps.length; i++) expect(steps[i].fromState).toBe(steps[i - 1].toState);
    expect(row.version).toBe(1 + steps.length);
    expect(steps.filter((s) => s.event === 'PaymentCompleted')).toHaveLength(1); // the inbox absorbed the twin
    // Whichever won, the timeout only asked the provider to close the session: the payment stands.
    expect(row.state).toBe('Completed');
    const refunds = await db().query(`SELECT 1 FROM checkout.outbox WHERE correlation_id = $1 AND type = 'RefundRequested'`, [checkoutId]);
    expect(refunds).toHaveLength(0);
  });

  it('ignores an event its state does not accept, and changes nothing', async () => {
    const checkoutId = await seedCheckout(first, 'Completed');
    const { paymentId } = (await saga(checkoutId)).data;
    expect(await deliver(first, paymentMessage(checkoutId, paymentId as string))).toBeUndefined();
    expect(await saga(checkoutId)).toMatchObject({ state: 'Completed', version: 1 });
    expect(await history(checkoutId)).toEqual([]);
  });

  describe('a batch', () => {
    it('applies two events of one checkout in delivery order, each seeing the other, and leaves only what the last step wants armed', async () => {
      const checkoutId = await seedCheckout(first, 'StockReserved');
      const other = await seedCheckout(first, 'StockReserved');
      const { paymentId } = (await saga(checkoutId)).data;
      const session = sessionMessage(checkoutId, paymentId as string);

      const steps = await deliverBatch(first, [session, sessionMessage(other, (await saga(other)).data.paymentId as string), paymentMessage(checkoutId, paymentId as string)]);

      expect(steps.map((step) => [step.checkoutId, step.from, step.to])).toEqual([
        [checkoutId, 'StockReserved', 'AwaitingPayment'],
        [other, 'StockReserved', 'AwaitingPayment'],
        [checkoutId, 'AwaitingPayment', 'Completed'],
      ]);
      expect(await saga(checkoutId)).toMatchObject({ state: 'Completed', version: 3 });
      expect((await history(checkoutId)).map((step) => step.toState)).toEqual(['AwaitingPayment', 'Completed']);
      // Armed by the first step, disarmed by the second: the batch leaves no timer behind.
      expect(await db().query('SELECT timer FROM checkout.saga_timers WHERE checkout_id = $1', [checkoutId])).toEqual([]);
      expect(await db().query('SELECT timer FROM checkout.saga_timers WHERE checkout_id = $1', [other])).toEqual([{ timer: 'payment' }]);
      const sent = await db().query(`SELECT type FROM checkout.outbox WHERE correlation_id = $1 ORDER BY id`, [checkoutId]);
      expect(sent.map((row: { type: string }) => row.type)).toEqual(['StockCommitRequested', 'CheckoutCompleted']);
    });

    it('applies a message that appears twice in it once', async () => {
      const checkoutId = await seedCheckout(first, 'AwaitingPayment');
      const message = paymentMessage(checkoutId, (await saga(checkoutId)).data.paymentId as string);

      const steps = await deliverBatch(first, [message, message]);

      expect(steps).toHaveLength(1);
      expect(await history(checkoutId)).toHaveLength(1);
      expect(await saga(checkoutId)).toMatchObject({ state: 'Completed', version: 2 });
    });
  });

  it('counts a transition and times the checkout once, though its transaction was re-run', async () => {
    const checkoutId = await seedCheckout(first, 'AwaitingPayment');
    const { paymentId } = (await saga(checkoutId)).data;
    // The first attempt does all its work, then fails as a commit can (serialization failure)
    // and is rolled back; the re-run is the one that counts.
    const database = first.get(DatabaseService).dataSource;
    const transaction = database.transaction.bind(database) as (work: (tx: EntityManager) => Promise<unknown>) => Promise<unknown>;
    const failedOnce = jest.spyOn(database, 'transaction').mockImplementationOnce(((work: (tx: EntityManager) => Promise<unknown>) =>
      transaction(async (tx) => {
        await work(tx);
        throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
      })) as never);
    const metrics = first.get(MetricsService).registry;
    /** The sum of a metric's samples named `series` (a histogram's `_count`) with `labels`. */
    const count = async (metric: string, labels: Record<string, string>, series = metric) => {
      const values = (await metrics.getSingleMetric(metric)?.get())?.values ?? [];
      const matching = values.filter((v) => ((v as { metricName?: string }).metricName ?? metric) === series && Object.entries(labels).every(([k, value]) => v.labels[k] === value));
      return matching.reduce((sum, v) => sum + v.value, 0);
    };
    const transitions = () => count('saga_transitions_total', { from: 'AwaitingPayment', event: 'PaymentCompleted' });
    const timed = () => count('checkout_duration_seconds', { outcome: 'Completed' }, 'checkout_duration_seconds_count');
    const [transitionsBefore, timedBefore] = [await transitions(), await timed()];

    const outcome = await deliver(first, paymentMessage(checkoutId, paymentId as string));
    const attempts = failedOnce.mock.calls.length;
    failedOnce.mockRestore();

    // The failed one and the re-run (the spy also sees any background job's transaction, such
    // as a retention pass, that happens to run meanwhile).
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(outcome).toMatchObject({ from: 'AwaitingPayment', to: 'Completed' });
    expect(await history(checkoutId)).toHaveLength(1); // the first attempt left nothing behind
    expect(await transitions()).toBe(transitionsBefore + 1);
    expect(await timed()).toBe(timedBefore + 1);
  });
});
