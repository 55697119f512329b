import { addOutboxTraceColumn, dropOutboxTraceColumn } from '@checkout/outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOutboxTraceparent1763700000100 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await addOutboxTraceColumn(db, 'checkout');
  }

  async down(db: QueryRunner): Promise<void> {
    await dropOutboxTraceColumn(db, 'checkout');
  }
}
