import { ConcurrencyConflictError } from '@checkout/platform';
import type { EntityManager } from 'typeorm';
import { PaymentEntity, PaymentStatus } from './payment.entity';

/**
 * Serialises everything that touches one checkout's payment until the transaction ends.
 * Session creation holds it while it calls the provider, so a webhook that arrives before
 * the new payment row commits waits for it instead of finding "no such payment".
 */
export async function lockCheckout(tx: EntityManager, checkoutId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('payments:checkout:' || $1))`, [checkoutId]);
}

export function findPaymentOfCheckout(tx: EntityManager, checkoutId: string): Promise<PaymentEntity | null> {
  return tx.findOneBy(PaymentEntity, { checkoutId });
}

/** The payment whose provider session this is: the only key a session event is matched by. */
export function findPaymentBySession(tx: EntityManager, providerSessionId: string): Promise<PaymentEntity | null> {
  return tx.findOneBy(PaymentEntity, { providerSessionId });
}

/** By our own id; a string that is not a UUID finds nothing (instead of failing the query). */
export function findPaymentById(tx: EntityManager, paymentId: string): Promise<PaymentEntity | null> {
  return UUID.test(paymentId) ? tx.findOneBy(PaymentEntity, { id: paymentId.toLowerCase() }) : Promise.resolve(null);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * For a request from the saga that names both ids: locks the checkout, then its payment
 * `paymentId`. Null when there is none or it is another checkout's: a message may name only
 * the payment of the checkout it is about.
 */
export async function lockPaymentOfCheckout(tx: EntityManager, checkoutId: string, paymentId: string): Promise<PaymentEntity | null> {
  await lockCheckout(tx, checkoutId);
  const payment = await findPaymentById(tx, paymentId);
  return payment?.checkoutId === checkoutId ? payment : null;
}

/** A payment as first written: the version and timestamps are the database's. */
export type NewPayment = Omit<PaymentEntity, 'version' | 'createdAt' | 'updatedAt'>;

export async function insertPayment(tx: EntityManager, payment: NewPayment): Promise<void> {
  await tx.insert(PaymentEntity, payment);
}

export type PaymentChange = { status: PaymentStatus } & Partial<Pick<PaymentEntity, 'providerPaymentId' | 'failureReason'>>;

/** Applies `change` only if the row is still the version we read; otherwise the transaction retries. */
export async function updatePayment(tx: EntityManager, payment: PaymentEntity, change: PaymentChange): Promise<void> {
  const result = await tx
    .createQueryBuilder()
    .update(PaymentEntity)
    .set({ ...change, version: () => 'version + 1', updatedAt: () => 'now()' })
    .where('id = :id AND version = :version', { id: payment.id, version: payment.version })
    .execute();
  if (result.affected !== 1) throw new ConcurrencyConflictError(`payment ${payment.id} changed since it was read`);
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
