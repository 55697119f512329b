import { createRetentionTables, dropRetentionTables } from '@checkout/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** What retention deleted, carried forward for the audit, and the index it finds ended reservations by (0037). */
export class CreateRetentionTables1763700003700 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await createRetentionTables(db, 'catalog');
    await db.query(`CREATE INDEX reservations_ended_idx ON catalog.reservations (updated_at) WHERE status <> 'held'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS catalog.reservations_ended_idx');
    await dropRetentionTables(db, 'catalog');
  }
}
