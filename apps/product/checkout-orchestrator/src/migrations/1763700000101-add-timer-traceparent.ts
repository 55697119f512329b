import { MigrationInterface, QueryRunner } from 'typeorm';

/** A timer fires long after the transaction that armed it; its traceparent keeps the checkout's trace. */
export class AddTimerTraceparent1763700000101 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE checkout.saga_timers ADD COLUMN traceparent text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE checkout.saga_timers DROP COLUMN IF EXISTS traceparent');
  }
}
