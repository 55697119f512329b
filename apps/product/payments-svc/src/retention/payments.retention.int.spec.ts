import { retentionOptions } from '@checkout/platform';
import { retentionPass, retentionSql, retentionTestEnv, retentionTotals, startRetentionTestApp, stopRetentionTestApp, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { loadPaymentsConfig } from '../config';
import { paymentsDatabase } from '../database.options';
import { paymentsRetention } from './payments.retention';

describe('payments forgetting ended payments and old provider events', () => {
  const database = uniqueName('payments_retention');
  let app: INestApplication;

  beforeAll(async () => {
    const config = loadPaymentsConfig(retentionTestEnv('payments_svc', database, 10));
    app = await startRetentionTestApp(paymentsDatabase(config), paymentsRetention(retentionOptions(config)));
  }, 30_000);

  afterAll(() => stopRetentionTestApp(app, database));

  const sql = retentionSql(() => app);
  const payment = async (status: string, ageSeconds: number, refunded = false) => {
    const id = randomUUID();
    await sql(
      `INSERT INTO payments.payments (id, checkout_id, amount, currency, payment_method, status, provider_session_id, session_expires_at, updated_at)
       VALUES ($1, $2, 100, 'GBP', 'pm_card_visa', $3, $4, now(), now() - make_interval(secs => $5))`,
      [id, randomUUID(), status, `cs_${id}`, ageSeconds],
    );
    if (refunded) await sql(`INSERT INTO payments.refunds (id, payment_id, provider_refund_id, amount) VALUES ($1, $2, $3, 100)`, [randomUUID(), id, `re_${id}`]);
    return id;
  };
  const providerEvent = (id: string, ageSeconds: number) =>
    sql(`INSERT INTO payments.provider_events (event_id, type, received_at) VALUES ($1, 'checkout.session.completed', now() - make_interval(secs => $2))`, [id, ageSeconds]);

  it('deletes ended payments past the retention with their refunds, never an open one or a young one, and counts what went', async () => {
    const kept = [await payment('session_created', 600), await payment('succeeded', 5)];
    await payment('succeeded', 600);
    await payment('refunded', 600, true);
    await payment('expired', 600);
    await payment('failed', 600);

    expect(await retentionPass(app)).toBe(false);

    const left = await sql<{ id: string }>('SELECT id FROM payments.payments');
    expect(left.map((row) => row.id).sort()).toEqual(kept.sort());
    expect(await sql('SELECT 1 FROM payments.refunds')).toHaveLength(0);
    expect(await retentionTotals(app, 'payments')).toEqual({
      'payments/succeeded': 1,
      'payments/refunded': 1,
      'payments/expired': 1,
      'payments/failed': 1,
      'refunds/': 1,
    });
  });

  it('forgets a provider event id only after the retention, so a webhook retried within it is still known', async () => {
    await providerEvent('evt_old', 600);
    await providerEvent('evt_recent', 5);
    await retentionPass(app);
    expect((await sql<{ event_id: string }>('SELECT event_id FROM payments.provider_events')).map((row) => row.event_id)).toEqual(['evt_recent']);
  });
});
