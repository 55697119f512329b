import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCheckoutSagaTables1763700000002 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    // The saga instance: its state, an optimistic-concurrency version, and its data.
    await db.query(`
      CREATE TABLE checkout.checkouts (
        id              uuid PRIMARY KEY,
        state           text        NOT NULL,
        version         integer     NOT NULL,
        data            jsonb       NOT NULL,
        idempotency_key text        NOT NULL UNIQUE,
        request_hash    text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX checkouts_state_idx ON checkout.checkouts (state, updated_at)');
    // Every transition, in order: the checkout's history as the API and the UI show it.
    await db.query(`
      CREATE TABLE checkout.checkout_transitions (
        id           bigserial PRIMARY KEY,
        checkout_id  uuid        NOT NULL REFERENCES checkout.checkouts (id),
        from_state   text,
        to_state     text        NOT NULL,
        event        text        NOT NULL,
        message_id   uuid        NOT NULL,
        compensation boolean     NOT NULL DEFAULT false,
        at           timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query('CREATE INDEX checkout_transitions_checkout_idx ON checkout.checkout_transitions (checkout_id, id)');
    // Durable timers: a deadline per (checkout, timer), fired by the scheduler, never a setTimeout.
    await db.query(`
      CREATE TABLE checkout.saga_timers (
        checkout_id uuid        NOT NULL REFERENCES checkout.checkouts (id),
        timer       text        NOT NULL,
        due_at      timestamptz NOT NULL,
        PRIMARY KEY (checkout_id, timer)
      )`);
    await db.query('CREATE INDEX saga_timers_due_idx ON checkout.saga_timers (due_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE checkout.saga_timers');
    await db.query('DROP TABLE checkout.checkout_transitions');
    await db.query('DROP TABLE checkout.checkouts');
  }
}
