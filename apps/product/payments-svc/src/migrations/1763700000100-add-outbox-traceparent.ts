import { addOutboxTraceColumn, dropOutboxTraceColumn } from '@checkout/outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOutboxTraceparent1763700000100 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await addOutboxTraceColumn(db, 'payments');
  }

  async down(db: QueryRunner): Promise<void> {
    await dropOutboxTraceColumn(db, 'payments');
  }
}
