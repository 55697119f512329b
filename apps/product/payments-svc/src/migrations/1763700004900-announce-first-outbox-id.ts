import { announceFirstOutboxId, announceNoOutboxId } from '@checkout/outbox';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnnounceFirstOutboxId1763700004900 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await announceFirstOutboxId(db, 'payments');
  }

  async down(db: QueryRunner): Promise<void> {
    await announceNoOutboxId(db, 'payments');
  }
}
