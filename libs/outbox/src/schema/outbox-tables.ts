import { quoteIdent } from '@checkout/platform';
import type { QueryRunner } from 'typeorm';

/** The LISTEN/NOTIFY channel on which a schema's outbox announces new rows. */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

/**
 * Creates the outbox and inbox tables in a service's schema. Called from that service's own
 * migration, so the tables live and version with the data they protect.
 */
export async function createOutboxTables(db: QueryRunner, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  await db.query(`
    CREATE TABLE ${s}.outbox (
      id             bigserial PRIMARY KEY,
      message_id     uuid        NOT NULL,
      type           text        NOT NULL,
      routing_key    text        NOT NULL,
      correlation_id uuid        NOT NULL,
      envelope       jsonb       NOT NULL,
      created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
      sent_at        timestamptz,
      attempts       integer     NOT NULL DEFAULT 0,
      last_error     text
    )`);
  // The relay only ever looks for unsent rows; this index stays as small as the backlog.
  // Deliberately no other index: every index is one more write for each row the relay marks
  // sent, and clean-up (the only other reader) runs once a minute and can afford a scan.
  await db.query(`CREATE INDEX outbox_pending_idx ON ${s}.outbox (id) WHERE sent_at IS NULL`);
  // One notification per inserting statement, delivered at commit: the relay wakes only for
  // committed rows, and a rolled-back transaction wakes nobody.
  await notifyOnInsert(db, schema);
  await db.query(`
    CREATE TABLE ${s}.inbox (
      message_id     uuid        NOT NULL,
      consumer       text        NOT NULL,
      type           text        NOT NULL,
      correlation_id uuid        NOT NULL,
      received_at    timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (message_id, consumer)
    )`);
  await db.query(`CREATE INDEX inbox_received_at_idx ON ${s}.inbox (received_at)`);
}

/**
 * Makes the outbox's notification carry the first id its inserting statement wrote, so the
 * relay's claim can start from the lowest row that may be pending instead of the first row
 * ever written (`ClaimFloor`). Still one notification per inserting statement, at commit; a
 * statement that inserted nothing announces nothing.
 */
export async function announceFirstOutboxId(db: QueryRunner, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  await db.query(`
    CREATE OR REPLACE FUNCTION ${s}.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE first_id bigint;
    BEGIN
      SELECT min(id) INTO first_id FROM inserted;
      IF first_id IS NOT NULL THEN
        PERFORM pg_notify('${outboxChannel(schema)}', first_id::text);
      END IF;
      RETURN NULL;
    END $$`);
  await db.query(`DROP TRIGGER outbox_notify ON ${s}.outbox`);
  await db.query(`
    CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.notify_outbox()`);
}

/** Undoes `announceFirstOutboxId`: an empty notification, which sends the relay's claim back to the first row. */
export async function announceNoOutboxId(db: QueryRunner, schema: string): Promise<void> {
  await db.query(`DROP TRIGGER outbox_notify ON ${quoteIdent(schema)}.outbox`);
  await notifyOnInsert(db, schema);
}

/** The outbox's trigger as first created: an empty notification per inserting statement. */
async function notifyOnInsert(db: QueryRunner, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  await db.query(`
    CREATE OR REPLACE FUNCTION ${s}.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${outboxChannel(schema)}', '');
      RETURN NULL;
    END $$`);
  await db.query(`
    CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.notify_outbox()`);
}

export async function dropOutboxTables(db: QueryRunner, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  await db.query(`DROP TABLE IF EXISTS ${s}.inbox`);
  await db.query(`DROP TABLE IF EXISTS ${s}.outbox`);
  await db.query(`DROP FUNCTION IF EXISTS ${s}.notify_outbox()`);
}
