import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DatabaseModule } from '../database/database.module';
import { DatabaseService, type DatabaseOptions } from '../database/database.service';
import { PlatformModule } from '../platform.module';
import { RetentionJob } from '../retention/retention-job';
import { dropTestDatabase } from './drop-database';
import { testAdminUrl, testDatabaseUrl } from './test-names';

/**
 * A service's schema (its real migrations) and its retention module, nothing else: the test
 * seeds rows and runs `pass()` itself. The job's own loop is stopped before this returns (its
 * first pass, on the empty schema, finished or never begun): on a slow machine that pass could
 * otherwise start late and delete the rows a test has just seeded.
 */
export async function startRetentionTestApp(database: DatabaseOptions, retention: DynamicModule): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    // In-process test apps provision their own schema on start, as the one-shot migration does
    // before a real service starts.
    imports: [PlatformModule.forRoot({ serviceName: `${database.schema}-retention-test` }), DatabaseModule.forRoot({ ...database, migrateOnStart: true }), retention],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: process.env.TEST_LOGS ? undefined : false });
  await app.init();
  await app.get(DatabaseService).ready;
  await app.get(RetentionJob).beforeApplicationShutdown();
  return app;
}

/** The retention totals of `schema` as `metric/subject` → value. */
export async function retentionTotals(app: INestApplication, schema: string): Promise<Record<string, number>> {
  const rows: { metric: string; subject: string; value: string }[] = await app
    .get(DatabaseService)
    .dataSource.query(`SELECT metric, subject, value FROM ${schema}.retention_totals`);
  return Object.fromEntries(rows.map((row) => [`${row.metric}/${row.subject}`, Number(row.value)]));
}

export const retentionPass = (app: INestApplication) => app.get(RetentionJob).pass();

/**
 * The environment a retention spec's service starts with: `role`'s login on `database`, the
 * admin as migrator and vacuum login, a 60 s retention, and an interval that never brings the
 * loop back by itself. `batchSize` is the service's default unless given.
 */
export function retentionTestEnv(role: string, database: string, batchSize?: number): Record<string, string> {
  return {
    DATABASE_URL: testDatabaseUrl(role, database),
    DATABASE_ADMIN_URL: testAdminUrl(database),
    CHECKOUT_RETENTION_SECONDS: '60',
    RETENTION_INTERVAL_SECONDS: '3600',
    RETENTION_VACUUM_URL: testAdminUrl(database),
    ...(batchSize !== undefined && { RETENTION_BATCH_SIZE: String(batchSize) }),
  };
}

/** SQL on the test app's database, as the service's own login. */
export const retentionSql =
  (app: () => INestApplication) =>
  <T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> =>
    app().get(DatabaseService).dataSource.query(text, values);

/** Closes the app and drops its database. */
export async function stopRetentionTestApp(app: INestApplication | undefined, database: string): Promise<void> {
  await app?.close();
  await dropTestDatabase(database);
}
