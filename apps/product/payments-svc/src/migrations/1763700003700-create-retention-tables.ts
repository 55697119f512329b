import { createRetentionTables, dropRetentionTables } from '@checkout/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** What retention deleted, carried forward for the audit, and the indexes it finds old rows by (0037). */
export class CreateRetentionTables1763700003700 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await createRetentionTables(db, 'payments');
    await db.query(`CREATE INDEX payments_ended_idx ON payments.payments (updated_at) WHERE status <> 'session_created'`);
    await db.query('CREATE INDEX provider_events_received_idx ON payments.provider_events (received_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS payments.provider_events_received_idx');
    await db.query('DROP INDEX IF EXISTS payments.payments_ended_idx');
    await dropRetentionTables(db, 'payments');
  }
}
