import { DatabaseService } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, eventually, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { CheckoutEntity } from '../checkout-saga/checkout.entity';
import { seedCheckout, startOrchestrator } from '../testing/orchestrator-test-app';
import { SagaTimers } from './saga-timers';

/** The fallback scan as deployed (30 s): anything that fires sooner was woken, not polled. */
const AS_DEPLOYED = { TIMER_POLL_MS: '30000' };

describe('the saga timer scheduler, which wakes at deadlines instead of polling', () => {
  const database = uniqueName('timers');
  const vhost = uniqueName('timers');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOrchestrator(database, vhost, AS_DEPLOYED);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  }, 30_000);

  const db = () => app.get(DatabaseService).dataSource;
  const stateOf = async (id: string) => (await db().manager.findOneByOrFail(CheckoutEntity, { id })).state;

  it('fires a timer armed in this process at its deadline, long before the fallback scan', async () => {
    const checkoutId = await seedCheckout(app, 'AwaitingPayment');
    const arm = { checkoutId, timer: 'payment', arm: { inMs: 300, traceparent: null } } as const;
    await db().transaction((tx) => app.get(SagaTimers).change(tx, [arm]));

    await eventually(async () => (await stateOf(checkoutId)) === 'ExpiringPayment', 10_000, 'payment timeout fired');
  }, 20_000);

  it('after starting, sleeps until the earliest deadline already in the table and fires it then', async () => {
    // Armed by an orchestrator that stops before its deadline comes: nobody notifies the next one.
    const checkoutId = await seedCheckout(app, 'AwaitingPayment');
    await db().query(`INSERT INTO checkout.saga_timers (checkout_id, timer, due_at) VALUES ($1, 'payment', now() + interval '4 seconds')`, [checkoutId]);
    await app.close();
    app = await startOrchestrator(database, vhost, AS_DEPLOYED);

    await eventually(async () => (await stateOf(checkoutId)) === 'ExpiringPayment', 20_000, 'payment timeout fired');
  }, 60_000);
});
