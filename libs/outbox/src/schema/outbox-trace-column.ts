import { quoteIdent } from '@checkout/platform';
import type { QueryRunner } from 'typeorm';

/**
 * Adds `traceparent` to a schema's outbox: the span of the transaction that wrote the row.
 * The relay publishes the row as a child of that span, so the trace runs through the outbox
 * instead of starting again at the relay. Nullable: rows written with tracing off have none.
 * (The envelope's own traceparent is a fresh id for the message, not a span that exists.)
 */
export async function addOutboxTraceColumn(db: QueryRunner, schema: string): Promise<void> {
  await db.query(`ALTER TABLE ${quoteIdent(schema)}.outbox ADD COLUMN traceparent text`);
}

export async function dropOutboxTraceColumn(db: QueryRunner, schema: string): Promise<void> {
  await db.query(`ALTER TABLE ${quoteIdent(schema)}.outbox DROP COLUMN IF EXISTS traceparent`);
}
