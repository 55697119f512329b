import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a visitor watches the payment's checkout, as PaymentSessionRequested said: only then
 * are the provider calls recorded for the edge (docs/decisions/0041). Existing rows: nobody.
 */
export class AddPaymentWatched1763700004100 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE payments.payments ADD COLUMN watched boolean NOT NULL DEFAULT false');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE payments.payments DROP COLUMN watched');
  }
}
