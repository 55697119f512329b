import type { CheckContext, Finding, InvariantCheck, Queryable } from '../invariant.types';
import { beforeHorizon, carriedSum, horizonParam } from './retention.sql';

// "Kept" money is a captured charge with no refund. The provider (the psp schema) is the truth
// about money; payments' own rows must agree with it.
const KEPT_AT_PROVIDER = `
  SELECT i.metadata->>'checkoutId' AS checkout_id, count(*)::int AS kept
    FROM psp.payment_intents i
   WHERE i.status = 'succeeded' AND NOT EXISTS (SELECT 1 FROM psp.refunds r WHERE r.payment_intent_id = i.id)
   GROUP BY 1`;
const KEPT_IN_PAYMENTS = `
  SELECT checkout_id::text AS checkout_id, count(*)::int AS kept
    FROM payments.payments WHERE status = 'succeeded' GROUP BY 1`;

/** Per checkout from the retention horizon on (before it, a side may be deleted already). */
async function keptMoney(db: Queryable, state: string, context: CheckContext) {
  const { rows } = await db.query<{ id: string; provider: number; payments: number }>(
    `WITH provider AS (${KEPT_AT_PROVIDER}), ours AS (${KEPT_IN_PAYMENTS})
     SELECT c.id, coalesce(p.kept, 0) AS provider, coalesce(o.kept, 0) AS payments
       FROM checkout.checkouts c
       LEFT JOIN provider p ON p.checkout_id = c.id::text
       LEFT JOIN ours o ON o.checkout_id = c.id::text
      WHERE c.state = $1 AND c.updated_at < $2 AND c.created_at >= $3`,
    [state, context.quietBefore, horizonParam(context.horizon)],
  );
  return rows;
}

/**
 * Before the retention horizon, where a checkout's rows may be gone from some schemas: money
 * kept (at the provider, and in payments) must equal the completed checkouts, each counted as
 * totals carried forward + rows still kept. A cancelled checkout that kept its money, or a
 * completed one charged twice, shows here as one more kept than completed. A checkout touched
 * on any side within the quiet window is left out of every side.
 */
async function keptBeforeHorizon(db: Queryable, context: CheckContext): Promise<Finding[]> {
  const { rows } = await db.query<{ completed: number; payments: number; provider: number }>(
    `WITH unsettled AS (
       SELECT id::text AS id FROM checkout.checkouts WHERE updated_at >= $1
       UNION SELECT checkout_id::text FROM payments.payments WHERE updated_at >= $1
       UNION SELECT i.metadata->>'checkoutId' FROM psp.payment_intents i
              LEFT JOIN psp.refunds r ON r.payment_intent_id = i.id
             WHERE (i.created_at >= $1 OR r.created_at >= $1) AND i.metadata ? 'checkoutId')
     SELECT
       (SELECT count(*) FROM checkout.checkouts c
         WHERE c.state = 'Completed' AND c.created_at < $2 AND c.id::text NOT IN (SELECT id FROM unsettled))::int AS completed,
       (SELECT count(*) FROM payments.payments p LEFT JOIN checkout.checkouts c ON c.id = p.checkout_id
         WHERE p.status = 'succeeded' AND ${beforeHorizon('p', '$2')} AND p.checkout_id::text NOT IN (SELECT id FROM unsettled))::int AS payments,
       (SELECT count(*) FROM psp.payment_intents i LEFT JOIN checkout.checkouts c ON c.id::text = i.metadata->>'checkoutId'
         WHERE i.status = 'succeeded' AND NOT EXISTS (SELECT 1 FROM psp.refunds r WHERE r.payment_intent_id = i.id)
           AND ${beforeHorizon('i', '$2')} AND coalesce(i.metadata->>'checkoutId', '') NOT IN (SELECT id FROM unsettled))::int AS provider`,
    [context.quietBefore, horizonParam(context.horizon)],
  );
  const completed = rows[0].completed + (await carriedSum(db, 'checkout', 'checkouts', ['Completed']));
  const payments = rows[0].payments + (await carriedSum(db, 'payments', 'payments', ['succeeded']));
  const provider = rows[0].provider + (await carriedSum(db, 'psp', 'intents', ['kept']));
  if (payments === completed && provider === completed) return [];
  return [
    {
      subject: 'before the retention horizon',
      detail: `${completed} completed, money kept ${provider}× at the provider and ${payments}× in payments (totals carried forward + rows kept)`,
    },
  ];
}

export const completedChargedOnce: InvariantCheck = {
  name: 'completed-charged-once',
  statement: 'Each Completed checkout has exactly one captured payment, at the provider and in payments.',
  async run(db, context) {
    const rows = await keptMoney(db, 'Completed', context);
    const findings = rows
      .filter((row) => row.provider !== 1 || row.payments !== 1)
      .map((row) => ({ subject: row.id, detail: `captured ${row.provider}× at the provider, ${row.payments}× in payments` }));
    return context.horizon ? [...findings, ...(await keptBeforeHorizon(db, context))] : findings;
  },
};

export const cancelledKeepsNothing: InvariantCheck = {
  name: 'cancelled-keeps-nothing',
  statement: 'A Cancelled checkout keeps no money: anything captured was refunded.',
  async run(db, context) {
    // Before the retention horizon, money kept for a cancelled checkout is caught by
    // completed-charged-once's totals (one more kept than completed): which checkout is gone.
    const rows = await keptMoney(db, 'Cancelled', context);
    return rows
      .filter((row) => row.provider !== 0 || row.payments !== 0)
      .map((row) => ({ subject: row.id, detail: `kept ${row.provider}× at the provider, ${row.payments}× in payments` }));
  },
};

export const noRefundWithoutPayment: InvariantCheck = {
  name: 'no-refund-without-payment',
  statement: 'Every refund refunds a payment that was captured.',
  async run(db) {
    const { rows } = await db.query<{ id: string; detail: string }>(
      `SELECT r.id, 'provider refund of a ' || i.status || ' payment intent' AS detail
         FROM psp.refunds r JOIN psp.payment_intents i ON i.id = r.payment_intent_id
        WHERE i.status <> 'succeeded'
       UNION ALL
       SELECT r.id::text, 'refund of a payment that is ' || p.status AS detail
         FROM payments.refunds r JOIN payments.payments p ON p.id = r.payment_id
        WHERE p.status <> 'refunded' OR p.provider_payment_id IS NULL`,
    );
    return rows.map((row) => ({ subject: row.id, detail: row.detail }));
  },
};
