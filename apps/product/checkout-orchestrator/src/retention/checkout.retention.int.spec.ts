import { DatabaseService, RetentionJob } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, testAdminUrl, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { seedCheckout, startOrchestrator } from '../testing/orchestrator-test-app';

describe('the orchestrator forgetting finished checkouts', () => {
  const database = uniqueName('orchestrator_retention');
  const vhost = uniqueName('orchestrator_retention');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOrchestrator(database, vhost, {
      CHECKOUT_RETENTION_SECONDS: '60',
      // Passes are run by the test, one at a time: the loop never comes back by itself, and is
      // stopped below before anything is seeded (on a slow start its first pass could otherwise
      // begin late and delete a batch of the rows the test expects to find).
      RETENTION_INTERVAL_SECONDS: '3600',
      RETENTION_BATCH_SIZE: '2',
      RETENTION_VACUUM_URL: testAdminUrl(database),
    });
    await app.get(RetentionJob).beforeApplicationShutdown();
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  });

  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> =>
    app.get(DatabaseService).dataSource.query(text, values);
  /** Seeds a checkout last changed `ageSeconds` ago, with one transition (`event`) and optionally an armed timer. */
  const checkout = async (state: Parameters<typeof seedCheckout>[1], ageSeconds: number, event = 'Seeded', timer?: string) => {
    const id = await seedCheckout(app, state, { items: [{ sku: 'DEMO-WIDGET', qty: 2 }] });
    await sql(`UPDATE checkout.checkouts SET updated_at = now() - make_interval(secs => $2) WHERE id = $1`, [id, ageSeconds]);
    await sql(
      `INSERT INTO checkout.checkout_transitions (checkout_id, from_state, to_state, event, message_id) VALUES ($1, 'Initiated', $2, $3, gen_random_uuid())`,
      [id, state, event],
    );
    if (timer) await sql(`INSERT INTO checkout.saga_timers (checkout_id, timer, due_at) VALUES ($1, $2, now() + interval '1 day')`, [id, timer]);
    return id;
  };
  const exists = async (id: string) => (await sql('SELECT 1 FROM checkout.checkouts WHERE id = $1', [id])).length === 1;
  const totals = async () =>
    Object.fromEntries(
      (await sql<{ metric: string; subject: string; value: string }>('SELECT metric, subject, value FROM checkout.retention_totals')).map(
        (row) => [`${row.metric}/${row.subject}`, Number(row.value)],
      ),
    );

  describe('with finished checkouts past the retention, live ones and young ones', () => {
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      ids.completed = await checkout('Completed', 600, 'PaymentCompleted', 'payment');
      ids.shortage = await checkout('Cancelled', 600, 'StockReservationFailed');
      ids.cancelled = await checkout('Cancelled', 600, 'PaymentFailed');
      ids.failed = await checkout('Failed', 600, 'RefundFailed');
      ids.awaiting = await checkout('AwaitingPayment', 600, 'PaymentSessionCreated', 'payment');
      ids.compensating = await checkout('Compensating', 600, 'PaymentFailed', 'release');
      ids.young = await checkout('Completed', 5, 'PaymentCompleted');
    });

    it('deletes in batches of the configured size and says when a backlog remains', async () => {
      const job = app.get(RetentionJob);
      expect(await job.pass()).toBe(true); // 2 of 4: a full batch, more to come
      expect(await job.pass()).toBe(true); // 2 more
      expect(await job.pass()).toBe(false); // none left
    });

    it('deleted only the finished checkouts older than the retention, with their transitions and timers', async () => {
      for (const name of ['completed', 'shortage', 'cancelled', 'failed']) expect(await exists(ids[name])).toBe(false);
      for (const name of ['awaiting', 'compensating', 'young']) expect(await exists(ids[name])).toBe(true);
      const left = await sql<{ checkout_id: string }>('SELECT DISTINCT checkout_id FROM checkout.checkout_transitions UNION SELECT checkout_id FROM checkout.saga_timers');
      expect(left.map((row) => row.checkout_id).sort()).toEqual([ids.awaiting, ids.compensating, ids.young].sort());
    });

    it('carried forward what the audit needs: the endings, the units completed and the anomalies', async () => {
      expect(await totals()).toEqual({
        'checkouts/Completed': 1,
        'checkouts/Cancelled': 2,
        'checkouts/Failed': 1,
        'units.completed/DEMO-WIDGET': 2,
        'unexplained-endings/pm_card_visa': 2,
        'timers.on-finished/payment': 1,
      });
    });

    it('moved the horizon to the cut-off of its last deletion', async () => {
      const [row] = await sql<{ behind: number }>(
        'SELECT extract(epoch FROM now() - retained_before)::int AS behind FROM checkout.retention_horizon',
      );
      expect(row.behind).toBeGreaterThanOrEqual(60);
      expect(row.behind).toBeLessThan(120);
    });

    it('adds to the totals on a later pass rather than replacing them', async () => {
      await checkout('Completed', 600, 'PaymentCompleted');
      expect(await app.get(RetentionJob).pass()).toBe(false);
      expect((await totals())['checkouts/Completed']).toBe(2);
      expect((await totals())['units.completed/DEMO-WIDGET']).toBe(4);
    });
  });
});
