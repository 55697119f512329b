import { MigrationInterface, QueryRunner } from 'typeorm';

/** A delayed payment method: an intent `processing` until it settles, in two customer steps. */
export class DelayedPayments1763700000002 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE psp.payment_intents
        DROP CONSTRAINT payment_intents_status_check,
        ADD CONSTRAINT payment_intents_status_check CHECK (status IN ('succeeded', 'requires_payment_method', 'processing'))`);
    await db.query(`
      ALTER TABLE psp.customer_actions
        DROP CONSTRAINT customer_actions_kind_check,
        ADD CONSTRAINT customer_actions_kind_check
          CHECK (kind IN ('pay', 'decline', 'start_delayed_payment', 'settle_delayed_payment'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The sandbox's own test data: what the older schema cannot hold goes.
    await db.query(`DELETE FROM psp.customer_actions WHERE kind IN ('start_delayed_payment', 'settle_delayed_payment')`);
    await db.query(`DELETE FROM psp.payment_intents WHERE status = 'processing'`);
    await db.query(`
      ALTER TABLE psp.customer_actions
        DROP CONSTRAINT customer_actions_kind_check,
        ADD CONSTRAINT customer_actions_kind_check CHECK (kind IN ('pay', 'decline'))`);
    await db.query(`
      ALTER TABLE psp.payment_intents
        DROP CONSTRAINT payment_intents_status_check,
        ADD CONSTRAINT payment_intents_status_check CHECK (status IN ('succeeded', 'requires_payment_method'))`);
  }
}
