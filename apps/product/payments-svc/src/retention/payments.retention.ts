import { carryForward, RETENTION_CUTOFF, RetentionModule, type RetentionOptions, type RetentionStep } from '@checkout/platform';

/**
 * Payments that ended (succeeded, failed, refunded, expired) longer ago than the retention,
 * with their refunds. A payment whose session is still open is never touched. Carried forward
 * in `payments.retention_totals`: `payments` / status (a `succeeded` one is money kept).
 */
export const endedPayments: RetentionStep = {
  name: 'payments',
  tables: ['payments.payments', 'payments.refunds'],
  sql: `
    WITH doomed AS (
      SELECT id FROM payments.payments
       WHERE status <> 'session_created' AND updated_at < ${RETENTION_CUTOFF}
       ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED
    ),
    refunds AS (
      DELETE FROM payments.refunds r USING doomed d WHERE r.payment_id = d.id RETURNING r.id
    ),
    gone AS (
      DELETE FROM payments.payments p USING doomed d WHERE p.id = d.id RETURNING p.status
    ),
    counted (metric, subject, value) AS (
      SELECT 'payments', status, count(*) FROM gone GROUP BY status
      UNION ALL
      SELECT 'refunds', '', count(*) FROM refunds
    ),
    ${carryForward('payments', 'gone')}`,
};

/**
 * The provider's event ids, the webhook's inbox: forgotten on the inbox's rule. The provider
 * retries a webhook for minutes, far less than any retention accepted.
 */
export const oldProviderEvents: RetentionStep = {
  name: 'provider-events',
  tables: ['payments.provider_events'],
  sql: `
    WITH gone AS (
      DELETE FROM payments.provider_events WHERE event_id IN (
        SELECT event_id FROM payments.provider_events WHERE received_at < ${RETENTION_CUTOFF}
         LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING event_id
    )
    SELECT count(*)::int AS deleted FROM gone`,
};

/** Payments' retention: ended payments and old provider events; the outbox and inbox forget on the same rule. */
export const paymentsRetention = (options: RetentionOptions) =>
  RetentionModule.forRoot({ options, steps: [endedPayments, oldProviderEvents], alsoVacuum: ['payments.outbox', 'payments.inbox'] });
