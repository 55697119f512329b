import { ConcurrencyConflictError } from '@checkout/platform';
import type { EntityManager } from 'typeorm';
import type { PaymentEntity, PaymentStatus } from './payment.entity';

// Plain parameterised SQL: every checkout reads and writes its payment several times, and
// building these statements from entity metadata cost more CPU than running them.
const PAYMENT_COLUMNS = `id, checkout_id AS "checkoutId", amount, currency, payment_method AS "paymentMethod", status,
  provider_session_id AS "providerSessionId", session_expires_at AS "sessionExpiresAt",
  provider_payment_id AS "providerPaymentId", failure_reason AS "failureReason", watched, version,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

async function findOne(tx: EntityManager, column: 'id' | 'checkout_id' | 'provider_session_id', value: string): Promise<PaymentEntity | null> {
  const rows: PaymentEntity[] = await tx.query(`SELECT ${PAYMENT_COLUMNS} FROM payments.payments WHERE ${column} = $1`, [value]);
  return rows[0] ?? null;
}

/**
 * Serialises everything that touches one checkout's payment until the transaction ends.
 * Session creation holds it while it calls the provider, so a webhook that arrives before
 * the new payment row commits waits for it instead of finding "no such payment".
 */
export async function lockCheckout(tx: EntityManager, checkoutId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('payments:checkout:' || $1))`, [checkoutId]);
}

export function findPaymentOfCheckout(tx: EntityManager, checkoutId: string): Promise<PaymentEntity | null> {
  return findOne(tx, 'checkout_id', checkoutId);
}

/** The payment whose provider session this is: the only key a session event is matched by. */
export function findPaymentBySession(tx: EntityManager, providerSessionId: string): Promise<PaymentEntity | null> {
  return findOne(tx, 'provider_session_id', providerSessionId);
}

/** By our own id; a string that is not a UUID finds nothing (instead of failing the query). */
export function findPaymentById(tx: EntityManager, paymentId: string): Promise<PaymentEntity | null> {
  return UUID.test(paymentId) ? findOne(tx, 'id', paymentId.toLowerCase()) : Promise.resolve(null);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For a request from the saga that names both ids: locks the checkout, then reads its payment
 * `paymentId`, the two sent together (as `lockAndFindPaymentOfCheckout`). Null when there is
 * none or it is another checkout's: a message may name only the payment of the checkout it is
 * about.
 */
export async function lockPaymentOfCheckout(tx: EntityManager, checkoutId: string, paymentId: string): Promise<PaymentEntity | null> {
  const [, payment] = await Promise.all([lockCheckout(tx, checkoutId), findPaymentById(tx, paymentId)]);
  return payment?.checkoutId === checkoutId ? payment : null;
}

/**
 * Locks the checkout, then reads its payment, if any: sent together, one round trip. The
 * connection answers statements in the order they were sent, so the read runs once the lock
 * is held, as if awaited one after the other.
 */
export async function lockAndFindPaymentOfCheckout(tx: EntityManager, checkoutId: string): Promise<PaymentEntity | null> {
  const [, payment] = await Promise.all([lockCheckout(tx, checkoutId), findPaymentOfCheckout(tx, checkoutId)]);
  return payment;
}

/** A payment as first written: the version and timestamps are the database's. */
export type NewPayment = Omit<PaymentEntity, 'version' | 'createdAt' | 'updatedAt'>;

export async function insertPayment(tx: EntityManager, payment: NewPayment): Promise<void> {
  await tx.query(
    `INSERT INTO payments.payments (id, checkout_id, amount, currency, payment_method, status, provider_session_id,
       session_expires_at, provider_payment_id, failure_reason, watched)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      payment.id, payment.checkoutId, payment.amount, payment.currency, payment.paymentMethod, payment.status,
      payment.providerSessionId, payment.sessionExpiresAt, payment.providerPaymentId, payment.failureReason, payment.watched,
    ],
  );
}

export type PaymentChange = { status: PaymentStatus } & Partial<Pick<PaymentEntity, 'providerPaymentId' | 'failureReason'>>;

const CHANGE_COLUMNS: Record<keyof PaymentChange, string> = {
  status: 'status',
  providerPaymentId: 'provider_payment_id',
  failureReason: 'failure_reason',
};

/** Applies `change` only if the row is still the version we read; otherwise the transaction retries. */
export async function updatePayment(tx: EntityManager, payment: PaymentEntity, change: PaymentChange): Promise<void> {
  // Only the fields the change names (their columns from a fixed map, never from input). A CTE
  // ending in SELECT, so the driver returns the rows that changed (none: a lost race).
  const fields = (Object.keys(CHANGE_COLUMNS) as (keyof PaymentChange)[]).filter((field) => change[field] !== undefined);
  const changed: unknown[] = await tx.query(
    `WITH changed AS (
       UPDATE payments.payments
       SET ${fields.map((field, i) => `${CHANGE_COLUMNS[field]} = $${i + 3}`).join(', ')}, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id)
     SELECT id FROM changed`,
    [payment.id, payment.version, ...fields.map((field) => change[field])],
  );
  if (changed.length !== 1) throw new ConcurrencyConflictError(`payment ${payment.id} changed since it was read`);
}

/**
 * The provider can report success after a failed attempt (hosted Checkout lets the customer
 * try another card), or, should it ever, for a session it had closed: the money is then taken
 * (the provider confirmed it), so we record it, and the saga refunds it if it has already
 * given up. Only an already succeeded or refunded payment ignores the news.
 */
export const canSucceed = (status: PaymentStatus): boolean => status !== 'succeeded' && status !== 'refunded';

/** A decline after a success is stale news: the payment stands. */
export const canFail = (status: PaymentStatus): boolean => status === 'session_created';
