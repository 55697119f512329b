import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DatabaseModule } from '../database/database.module';
import { DatabaseService, type DatabaseOptions } from '../database/database.service';
import { PlatformModule } from '../platform.module';
import { RetentionJob } from '../retention/retention-job';

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
