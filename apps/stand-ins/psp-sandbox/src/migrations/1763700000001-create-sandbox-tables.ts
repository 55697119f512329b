import { MigrationInterface, QueryRunner } from 'typeorm';

/** Everything the sandbox must not forget across a restart: the API's objects, and the work still due. */
export class CreateSandboxTables1763700000001 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE psp.checkout_sessions (
        id                      text PRIMARY KEY,
        status                  text NOT NULL CHECK (status IN ('open', 'complete', 'expired')),
        payment_status          text NOT NULL CHECK (payment_status IN ('unpaid', 'paid')),
        amount_total            integer NOT NULL CHECK (amount_total >= 0),
        currency                text NOT NULL,
        line_items              jsonb NOT NULL,
        payment_intent_id       text UNIQUE,
        payment_method          text,
        client_reference_id     text,
        metadata                jsonb NOT NULL,
        payment_intent_metadata jsonb NOT NULL,
        success_url             text,
        cancel_url              text,
        created_at              timestamptz NOT NULL,
        expires_at              timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE psp.payment_intents (
        id                 text PRIMARY KEY,
        session_id         text NOT NULL REFERENCES psp.checkout_sessions (id),
        amount             integer NOT NULL CHECK (amount >= 0),
        currency           text NOT NULL,
        status             text NOT NULL CHECK (status IN ('succeeded', 'requires_payment_method')),
        metadata           jsonb NOT NULL,
        last_payment_error jsonb,
        created_at         timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX payment_intents_session_idx ON psp.payment_intents (session_id)');
    await db.query(`
      CREATE TABLE psp.refunds (
        id                text PRIMARY KEY,
        payment_intent_id text NOT NULL REFERENCES psp.payment_intents (id),
        amount            integer NOT NULL CHECK (amount > 0),
        currency          text NOT NULL,
        status            text NOT NULL,
        reason            text,
        metadata          jsonb NOT NULL,
        created_at        timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX refunds_payment_intent_idx ON psp.refunds (payment_intent_id)');
    await db.query(`
      CREATE TABLE psp.idempotency_keys (
        key           text PRIMARY KEY,
        fingerprint   text NOT NULL,
        response_body json,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await this.createWorkTables(db);
  }

  /** Rows the two workers claim with SKIP LOCKED; each has a partial index on what is still due. */
  private async createWorkTables(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE psp.customer_actions (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        session_id     text NOT NULL REFERENCES psp.checkout_sessions (id),
        kind           text NOT NULL CHECK (kind IN ('pay', 'decline')),
        webhook_copies integer NOT NULL CHECK (webhook_copies >= 1),
        due_at         timestamptz NOT NULL,
        done_at        timestamptz
      )`);
    await db.query('CREATE INDEX customer_actions_due_idx ON psp.customer_actions (due_at) WHERE done_at IS NULL');
    await db.query(`
      CREATE TABLE psp.events (
        id          text PRIMARY KEY,
        type        text NOT NULL,
        data_object json NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE psp.webhook_deliveries (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id        text NOT NULL REFERENCES psp.events (id),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        delivered_at    timestamptz,
        failed_at       timestamptz,
        last_status     integer,
        last_error      text
      )`);
    await db.query(`
      CREATE INDEX webhook_deliveries_due_idx ON psp.webhook_deliveries (next_attempt_at)
      WHERE delivered_at IS NULL AND failed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['webhook_deliveries', 'events', 'customer_actions', 'idempotency_keys', 'refunds', 'payment_intents', 'checkout_sessions']) {
      await db.query(`DROP TABLE IF EXISTS psp.${table}`);
    }
  }
}
