import { DatabaseService, MetricsService } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { seedCheckout, startOrchestrator } from '../testing/orchestrator-test-app';

describe('the checkouts-by-state gauges', () => {
  const database = uniqueName('states');
  const vhost = uniqueName('states');
  let app: INestApplication;

  // Migrations and broker topology: more than jest's 5 s on a busy machine.
  beforeAll(async () => {
    app = await startOrchestrator(database, vhost);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  });

  const gauge = async (name: string, state: string) =>
    (await app.get(MetricsService).registry.getSingleMetric(name)?.get())?.values.find((value) => value.labels.state === state)
      ?.value;

  it('counts Failed and Compensating checkouts from the saga rows, and the age of the oldest, when scraped', async () => {
    await seedCheckout(app, 'Failed');
    await seedCheckout(app, 'Failed');
    const stuck = await seedCheckout(app, 'Compensating');
    await app.get(DatabaseService).dataSource.query(
      `UPDATE checkout.checkouts SET updated_at = now() - interval '90 seconds' WHERE id = $1`,
      [stuck],
    );
    await seedCheckout(app, 'Completed');

    // Nothing refreshes the gauges between scrapes: reading them (as a scrape does) queries the rows.
    expect(await app.get(MetricsService).registry.metrics()).toMatch(/checkouts_in_state\{state="Failed",service="checkout-orchestrator"\} 2/);

    expect(await gauge('checkouts_in_state', 'Failed')).toBe(2);
    expect(await gauge('checkouts_in_state', 'Compensating')).toBe(1);
    expect(await gauge('checkouts_in_state', 'AwaitingPayment')).toBe(0);
    expect(await gauge('checkouts_in_state', 'Completed')).toBeUndefined();
    expect(await gauge('checkout_oldest_in_state_seconds', 'Compensating')).toBeGreaterThanOrEqual(90);
  });
});
