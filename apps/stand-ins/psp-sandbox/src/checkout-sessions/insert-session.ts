import type { DataSource } from 'typeorm';
import type { CustomerPlan } from '../simulated-customer/customer-scheduler.service';
import type { CheckoutSession } from './checkout-session.entity';

/** An Idempotency-Key to claim with the session, and the answer stored under it. */
export interface KeyClaim {
  readonly key: string;
  readonly fingerprint: string;
  readonly body: object;
}

/**
 * One statement: claims the Idempotency-Key (if any), inserts the session only if the key was
 * claimed, and its customer's plan only with the session. Returns false when another request
 * holds the key. A twin running at the same moment waits on the first one's uncommitted key:
 * if that commits, the twin claims nothing and inserts nothing; if it rolls back, the twin
 * claims the key and creates the session itself. A statement outside a transaction commits
 * whole or not at all, so no session is left without its plan or its key.
 */
export async function insertSession(db: Pick<DataSource, 'query'>, session: CheckoutSession, plan: CustomerPlan | undefined, claim: KeyClaim | undefined): Promise<boolean> {
  const rows: { created: number }[] = await db.query(
    `WITH claimed AS (
       INSERT INTO psp.idempotency_keys (key, fingerprint, response_body)
       SELECT $1::text, $2::text, $3::json WHERE $1::text IS NOT NULL
       ON CONFLICT (key) DO NOTHING
       RETURNING key
     ), created AS (
       INSERT INTO psp.checkout_sessions (id, status, payment_status, amount_total, currency, line_items, payment_intent_id,
                                          payment_method, client_reference_id, metadata, payment_intent_metadata,
                                          success_url, cancel_url, created_at, expires_at)
       SELECT $4, $5, $6, $7, $8, $9::jsonb, NULL, $10, $11, $12::jsonb, $13::jsonb, $14, $15, $16, $17
       WHERE $1::text IS NULL OR EXISTS (SELECT FROM claimed)
       RETURNING id
     ), planned AS (
       INSERT INTO psp.customer_actions (session_id, kind, webhook_copies, due_at, traceparent)
       SELECT created.id, step.kind, $18, step.due_at, $19
       FROM created, unnest($20::text[], $21::timestamptz[]) AS step(kind, due_at)
     )
     SELECT count(*)::int AS created FROM created`,
    [
      claim?.key ?? null,
      claim?.fingerprint ?? null,
      claim ? JSON.stringify(claim.body) : null,
      session.id,
      session.status,
      session.paymentStatus,
      session.amountTotal,
      session.currency,
      JSON.stringify(session.lineItems),
      session.paymentMethod,
      session.clientReferenceId,
      JSON.stringify(session.metadata),
      JSON.stringify(session.paymentIntentMetadata),
      session.successUrl,
      session.cancelUrl,
      session.createdAt,
      session.expiresAt,
      plan?.webhookCopies ?? 1,
      plan?.traceparent ?? null,
      plan?.kinds ?? [],
      plan?.dueAt ?? [],
    ],
  );
  return rows[0].created === 1;
}
