import { MigrationInterface, QueryRunner } from 'typeorm';

/** A payment whose session the provider closed unpaid at the checkout's timeout is 'expired'. */
export class AllowExpiredPayments1763700000003 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE payments.payments
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check CHECK (status IN ('session_created', 'succeeded', 'failed', 'refunded', 'expired'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE payments.payments
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check CHECK (status IN ('session_created', 'succeeded', 'failed', 'refunded'))`);
  }
}
