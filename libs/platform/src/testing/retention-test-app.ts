import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DatabaseModule } from '../database/database.module';
import { DatabaseService, type DatabaseOptions } from '../database/database.service';
import { PlatformModule } from '../platform.module';
import { RetentionJob } from '../retention/retention-job';

/**
 * A service's schema (its real migrations) and its retention module, nothing else: the test
 * seeds rows and runs `pass()` itself. Start the module with a long interval so the loop's own
 * first pass (at start, on an empty schema) is the only one it makes.
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
