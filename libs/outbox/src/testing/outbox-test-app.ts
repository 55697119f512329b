import { createEnvelope, type MessageEnvelope, StockReservationRequested } from '@checkout/contracts';
import { MessagingModule } from '@checkout/messaging';
import { DatabaseModule, DatabaseService, PlatformModule } from '@checkout/platform';
import { testAdminUrl, testDatabaseUrl } from '@checkout/platform/testing';
import { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { OutboxModule } from '../outbox.module';
import { OutboxOptions } from '../outbox.settings';
import { announceFirstOutboxId, createOutboxTables } from '../schema/outbox-tables';
import { addOutboxTraceColumn } from '../schema/outbox-trace-column';

export const TEST_SCHEMA = 'outbox_test';
const ROLE = 'outbox_test_svc';

class CreateOutboxTestSchema1700000000000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA ${TEST_SCHEMA}`);
    await createOutboxTables(db, TEST_SCHEMA);
    await addOutboxTraceColumn(db, TEST_SCHEMA);
    await announceFirstOutboxId(db, TEST_SCHEMA);
    // What the test handlers "do": one row per effect, so duplicates would show.
    await db.query(`CREATE TABLE ${TEST_SCHEMA}.effects (id bigserial PRIMARY KEY, message_id uuid NOT NULL, checkout_id uuid NOT NULL)`);
  }
  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA ${TEST_SCHEMA} CASCADE`);
  }
}

export interface TestAppOptions {
  database: string;
  exchange: string;
  outbox?: Partial<OutboxOptions>;
  /** The test's own virtual host (createVhost), so nothing it declares outlives it. */
  amqpUrl: string;
  imports?: ModuleMetadata['imports'];
}

/** A service-shaped Nest app: platform, its own database schema, messaging and the outbox. */
export async function startOutboxApp(options: TestAppOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ serviceName: 'outbox-test' }),
      DatabaseModule.forRoot({
        url: testDatabaseUrl(ROLE, options.database),
        adminUrl: testAdminUrl(options.database),
        schema: TEST_SCHEMA,
        migrateOnStart: true,
        applicationName: 'outbox-test',
        entities: [],
        migrations: [CreateOutboxTestSchema1700000000000],
      }),
      MessagingModule.forRoot({
        url: options.amqpUrl,
        connectionName: 'outbox-test',
        exchange: options.exchange,
        retryDelaysMs: [50, 100],
      }),
      OutboxModule.forRoot({ schema: TEST_SCHEMA, pollIntervalMs: 200, ...options.outbox }),
      ...(options.imports ?? []),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: process.env.TEST_LOGS ? undefined : false });
  await app.init();
  await app.get(DatabaseService).ready;
  return app;
}

export function reservationRequest(checkoutId: string = randomUUID()): MessageEnvelope {
  return createEnvelope(StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
}

export async function countRows(app: INestApplication, sql: string): Promise<number> {
  const [row] = await app.get(DatabaseService).dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`);
  return row.n;
}
