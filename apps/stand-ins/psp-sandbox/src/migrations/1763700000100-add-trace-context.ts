import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Like Stripe's own webhooks, ours arrive long after the API call that caused them. The
 * traceparent of that call is kept with the customer's scheduled action and with the event,
 * so the webhook is sent, and handled by payments, in the checkout's trace.
 */
export class AddTraceContext1763700000100 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE psp.customer_actions ADD COLUMN traceparent text');
    await db.query('ALTER TABLE psp.events ADD COLUMN traceparent text');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE psp.events DROP COLUMN IF EXISTS traceparent');
    await db.query('ALTER TABLE psp.customer_actions DROP COLUMN IF EXISTS traceparent');
  }
}
