import { createRetentionTables, dropRetentionTables } from '@checkout/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What retention deleted, carried forward for the audit, and the indexes its deletions need
 * (0037): old rows found by time, and the foreign keys a delete checks found by index.
 */
export class CreateRetentionTables1763700003700 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await createRetentionTables(db, 'psp');
    await db.query(`CREATE INDEX checkout_sessions_over_idx ON psp.checkout_sessions (created_at) WHERE status <> 'open'`);
    await db.query('CREATE INDEX customer_actions_session_idx ON psp.customer_actions (session_id)');
    await db.query('CREATE INDEX events_created_idx ON psp.events (created_at)');
    await db.query('CREATE INDEX webhook_deliveries_event_idx ON psp.webhook_deliveries (event_id)');
    await db.query('CREATE INDEX idempotency_keys_created_idx ON psp.idempotency_keys (created_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ['idempotency_keys_created_idx', 'webhook_deliveries_event_idx', 'events_created_idx', 'customer_actions_session_idx', 'checkout_sessions_over_idx']) {
      await db.query(`DROP INDEX IF EXISTS psp.${index}`);
    }
    await dropRetentionTables(db, 'psp');
  }
}
