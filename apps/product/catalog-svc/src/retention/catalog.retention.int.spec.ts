import { retentionOptions } from '@checkout/platform';
import { eventually, retentionPass, retentionSql, retentionTestEnv, retentionTotals, startRetentionTestApp, stopRetentionTestApp, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { loadCatalogConfig } from '../config';
import { catalogDatabase } from '../database.options';
import { catalogRetention } from './catalog.retention';

describe('catalog forgetting ended reservations', () => {
  const database = uniqueName('catalog_retention');
  let app: INestApplication;

  beforeAll(async () => {
    const config = loadCatalogConfig(retentionTestEnv('catalog_svc_test', database, 2));
    app = await startRetentionTestApp(catalogDatabase(config), catalogRetention(retentionOptions(config)));
  }, 30_000);

  afterAll(() => stopRetentionTestApp(app, database));

  const sql = retentionSql(() => app);
  const reservation = async (status: string, ageSeconds: number, lines: { sku: string; qty: number }[]) => {
    const id = randomUUID();
    await sql(
      `INSERT INTO catalog.reservations (id, checkout_id, status, lines, amount, currency, updated_at)
       VALUES ($1, $2, $3, $4, 100, $5, now() - make_interval(secs => $6))`,
      [id, randomUUID(), status, JSON.stringify(lines), lines.length ? 'GBP' : null, ageSeconds],
    );
    return id;
  };
  const remaining = async () => (await sql<{ id: string }>('SELECT id FROM catalog.reservations')).map((row) => row.id).sort();

  it('deletes committed and released reservations past the retention, never a held one or a young one, and counts what went', async () => {
    const kept = [
      await reservation('held', 600, [{ sku: 'DEMO-WIDGET', qty: 1 }]),
      await reservation('committed', 5, [{ sku: 'DEMO-WIDGET', qty: 1 }]),
    ];
    await reservation('committed', 600, [{ sku: 'DEMO-WIDGET', qty: 2 }]);
    await reservation('committed', 600, [{ sku: 'DEMO-WIDGET', qty: 1 }, { sku: 'DEMO-GADGET', qty: 3 }]);
    await reservation('released', 600, [{ sku: 'DEMO-GADGET', qty: 1 }]);
    await reservation('released', 600, []); // released before it held anything

    expect(await retentionPass(app)).toBe(true); // a full batch of 2
    expect(await retentionPass(app)).toBe(true);
    expect(await retentionPass(app)).toBe(false);

    expect(await remaining()).toEqual(kept.sort());
    expect(await retentionTotals(app, 'catalog')).toEqual({
      'reservations/committed': 2,
      'reservations/released': 2,
      'units.committed/DEMO-WIDGET': 3,
      'units.committed/DEMO-GADGET': 3,
      'units.released/DEMO-GADGET': 1,
    });
  });

  it('vacuums the tables it deleted from, so their space is reused even with autovacuum off', async () => {
    const vacuumed = () =>
      sql<{ relname: string; count: string }>(
        `SELECT relname, vacuum_count AS count FROM pg_stat_all_tables WHERE schemaname = 'catalog' AND relname IN ('reservations', 'outbox', 'inbox') ORDER BY relname`,
      );
    const before = await vacuumed();
    await reservation('released', 600, []);
    await retentionPass(app);
    await eventually(async () => {
      const after = await vacuumed();
      return after.every((row, i) => Number(row.count) > Number(before[i].count));
    }, 5_000, 'vacuum counts rising');
  });
});
