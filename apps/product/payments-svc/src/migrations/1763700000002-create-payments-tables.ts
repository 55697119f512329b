import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePaymentsTables1763700000002 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    // One payment per checkout (UNIQUE checkout_id): a repeated request can never open a second one.
    await db.query(`
      CREATE TABLE payments.payments (
        id                  uuid        PRIMARY KEY,
        checkout_id         uuid        NOT NULL UNIQUE,
        amount              integer     NOT NULL CHECK (amount > 0),
        currency            char(3)     NOT NULL,
        payment_method      text        NOT NULL,
        status              text        NOT NULL
                            CHECK (status IN ('session_created', 'succeeded', 'failed', 'refunded')),
        provider_session_id text        NOT NULL UNIQUE,
        session_expires_at  timestamptz NOT NULL,
        provider_payment_id text,
        failure_reason      text,
        version             integer     NOT NULL DEFAULT 1,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    // The provider's event ids, each stored once: the webhook's equivalent of the inbox.
    await db.query(`
      CREATE TABLE payments.provider_events (
        event_id    text        PRIMARY KEY,
        type        text        NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    // We only ever refund a payment in full, once: UNIQUE payment_id makes a second one impossible.
    await db.query(`
      CREATE TABLE payments.refunds (
        id                 uuid        PRIMARY KEY,
        payment_id         uuid        NOT NULL UNIQUE REFERENCES payments.payments (id),
        provider_refund_id text        NOT NULL UNIQUE,
        amount             integer     NOT NULL CHECK (amount > 0),
        created_at         timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS payments.refunds');
    await db.query('DROP TABLE IF EXISTS payments.provider_events');
    await db.query('DROP TABLE IF EXISTS payments.payments');
  }
}
