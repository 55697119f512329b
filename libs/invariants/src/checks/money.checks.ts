import type { InvariantCheck, Queryable } from '../invariant.types';

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

async function keptMoney(db: Queryable, state: string, quietBefore: Date) {
  const { rows } = await db.query<{ id: string; provider: number; payments: number }>(
    `WITH provider AS (${KEPT_AT_PROVIDER}), ours AS (${KEPT_IN_PAYMENTS})
     SELECT c.id, coalesce(p.kept, 0) AS provider, coalesce(o.kept, 0) AS payments
       FROM checkout.checkouts c
       LEFT JOIN provider p ON p.checkout_id = c.id::text
       LEFT JOIN ours o ON o.checkout_id = c.id::text
      WHERE c.state = $1 AND c.updated_at < $2`,
    [state, quietBefore],
  );
  return rows;
}

export const completedChargedOnce: InvariantCheck = {
  name: 'completed-charged-once',
  statement: 'Each Completed checkout has exactly one captured payment, at the provider and in payments.',
  async run(db, context) {
    const rows = await keptMoney(db, 'Completed', context.quietBefore);
    return rows
      .filter((row) => row.provider !== 1 || row.payments !== 1)
      .map((row) => ({ subject: row.id, detail: `captured ${row.provider}× at the provider, ${row.payments}× in payments` }));
  },
};

export const cancelledKeepsNothing: InvariantCheck = {
  name: 'cancelled-keeps-nothing',
  statement: 'A Cancelled checkout keeps no money: anything captured was refunded.',
  async run(db, context) {
    const rows = await keptMoney(db, 'Cancelled', context.quietBefore);
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
