import { createRetentionTables, dropRetentionTables } from '@checkout/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** What retention deleted, carried forward for the audit (docs/decisions/0037). */
export class CreateRetentionTables1763700003700 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await createRetentionTables(db, 'checkout');
  }

  async down(db: QueryRunner): Promise<void> {
    await dropRetentionTables(db, 'checkout');
  }
}
