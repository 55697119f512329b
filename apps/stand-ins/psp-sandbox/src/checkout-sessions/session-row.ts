import type { CheckoutSession } from './checkout-session.entity';

/** Every column of `psp.checkout_sessions`, for plain SQL that reads whole sessions. */
export const SESSION_COLUMNS = `id, status, payment_status, amount_total, currency, line_items, payment_intent_id, payment_method,
  client_reference_id, metadata, payment_intent_metadata, success_url, cancel_url, created_at, expires_at`;

/** A row of `psp.checkout_sessions` as pg returns it (jsonb parsed, timestamptz as Date). */
export interface SessionRow {
  id: string;
  status: CheckoutSession['status'];
  payment_status: CheckoutSession['paymentStatus'];
  amount_total: number;
  currency: string;
  line_items: CheckoutSession['lineItems'];
  payment_intent_id: string | null;
  payment_method: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  payment_intent_metadata: Record<string, string>;
  success_url: string | null;
  cancel_url: string | null;
  created_at: Date;
  expires_at: Date;
}

export function sessionFromRow(row: SessionRow): CheckoutSession {
  return {
    id: row.id,
    status: row.status,
    paymentStatus: row.payment_status,
    amountTotal: row.amount_total,
    currency: row.currency,
    lineItems: row.line_items,
    paymentIntentId: row.payment_intent_id,
    paymentMethod: row.payment_method,
    clientReferenceId: row.client_reference_id,
    metadata: row.metadata,
    paymentIntentMetadata: row.payment_intent_metadata,
    successUrl: row.success_url,
    cancelUrl: row.cancel_url,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}
