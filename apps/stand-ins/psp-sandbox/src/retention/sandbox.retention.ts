import { carryForward, RETENTION_CUTOFF, RetentionModule, type RetentionOptions, type RetentionStep } from '@checkout/platform';

/**
 * Checkout sessions that are over (complete or expired; an intent still `processing`, or a
 * customer step still due, keeps one open) and untouched for the retention, with their
 * payment intents, refunds and the customer's steps. Carried forward in `psp.retention_totals`:
 * `sessions` / status and `intents` / `kept` (captured, not refunded: money the shop keeps),
 * `refunded`, or the intent's status.
 */
export const finishedSessions: RetentionStep = {
  name: 'sessions',
  tables: ['psp.checkout_sessions', 'psp.payment_intents', 'psp.refunds', 'psp.customer_actions'],
  sql: `
    WITH doomed AS (
      SELECT s.id FROM psp.checkout_sessions s
       WHERE s.status <> 'open' AND s.created_at < ${RETENTION_CUTOFF}
         AND NOT EXISTS (SELECT 1 FROM psp.payment_intents i
                          WHERE i.session_id = s.id AND (i.status = 'processing' OR i.created_at >= ${RETENTION_CUTOFF}))
         AND NOT EXISTS (SELECT 1 FROM psp.refunds r JOIN psp.payment_intents i ON i.id = r.payment_intent_id
                          WHERE i.session_id = s.id AND r.created_at >= ${RETENTION_CUTOFF})
         AND NOT EXISTS (SELECT 1 FROM psp.customer_actions a
                          WHERE a.session_id = s.id AND (a.done_at IS NULL OR a.done_at >= ${RETENTION_CUTOFF}))
       ORDER BY s.created_at LIMIT $2 FOR UPDATE OF s SKIP LOCKED
    ),
    actions AS (
      DELETE FROM psp.customer_actions a USING doomed d WHERE a.session_id = d.id RETURNING a.id
    ),
    intents AS (
      DELETE FROM psp.payment_intents i USING doomed d WHERE i.session_id = d.id RETURNING i.id, i.status
    ),
    refunds AS (
      DELETE FROM psp.refunds r USING intents i WHERE r.payment_intent_id = i.id RETURNING r.payment_intent_id
    ),
    gone AS (
      DELETE FROM psp.checkout_sessions s USING doomed d WHERE s.id = d.id RETURNING s.status
    ),
    counted (metric, subject, value) AS (
      SELECT 'sessions', status, count(*) FROM gone GROUP BY status
      UNION ALL
      SELECT 'intents',
             CASE WHEN i.status <> 'succeeded' THEN i.status
                  WHEN EXISTS (SELECT 1 FROM refunds r WHERE r.payment_intent_id = i.id) THEN 'refunded'
                  ELSE 'kept' END,
             count(*)
        FROM intents i GROUP BY 2
    ),
    ${carryForward('psp', 'gone')}`,
};

/** Events whose webhooks were delivered (or given up on) longer ago than the retention, with their deliveries. */
export const deliveredEvents: RetentionStep = {
  name: 'events',
  tables: ['psp.events', 'psp.webhook_deliveries'],
  sql: `
    WITH doomed AS (
      SELECT e.id FROM psp.events e
       WHERE e.created_at < ${RETENTION_CUTOFF}
         AND NOT EXISTS (SELECT 1 FROM psp.webhook_deliveries w
                          WHERE w.event_id = e.id AND w.delivered_at IS NULL AND w.failed_at IS NULL)
       ORDER BY e.created_at LIMIT $2 FOR UPDATE OF e SKIP LOCKED
    ),
    deliveries AS (
      DELETE FROM psp.webhook_deliveries w USING doomed d WHERE w.event_id = d.id RETURNING w.id
    ),
    gone AS (
      DELETE FROM psp.events e USING doomed d WHERE e.id = d.id RETURNING e.id
    )
    SELECT count(*)::int AS deleted FROM gone`,
};

/**
 * Idempotency keys, the sandbox's inbox: a client retries a request within minutes (Stripe
 * keeps keys 24 hours), so they follow the inbox's rule.
 */
export const oldIdempotencyKeys: RetentionStep = {
  name: 'idempotency-keys',
  tables: ['psp.idempotency_keys'],
  sql: `
    WITH gone AS (
      DELETE FROM psp.idempotency_keys WHERE key IN (
        SELECT key FROM psp.idempotency_keys WHERE created_at < ${RETENTION_CUTOFF} LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING key
    )
    SELECT count(*)::int AS deleted FROM gone`,
};

/** The sandbox's retention: what it keeps about a payment, for as long as the shop keeps its own. */
export const sandboxRetention = (options: RetentionOptions) =>
  RetentionModule.forRoot({ options, steps: [finishedSessions, deliveredEvents, oldIdempotencyKeys] });
