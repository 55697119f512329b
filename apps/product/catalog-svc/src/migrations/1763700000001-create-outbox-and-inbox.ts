import { createOutboxTables, dropOutboxTables } from '@checkout/outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutboxAndInbox1763700000001 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await createOutboxTables(db, 'catalog');
  }

  async down(db: QueryRunner): Promise<void> {
    await dropOutboxTables(db, 'catalog');
  }
}
