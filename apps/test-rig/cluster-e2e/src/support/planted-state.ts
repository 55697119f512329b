import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';

/**
 * Rows written straight into the services' schemas (as the admin), so the invariant checker
 * can be shown a state that the cluster itself should never produce. Each row is "old"
 * (a minute ago), so the checker's in-flight window does not hide it.
 */
export interface PlantedCheckout {
  readonly state: 'Initiated' | 'AwaitingPayment' | 'Completed' | 'Cancelled';
  readonly sku?: string;
  readonly qty?: number;
  /** Committed (a sale) for Completed, released otherwise. */
  readonly reservation?: 'held' | 'released' | 'committed';
  /** Captured charges at the provider for this checkout, none refunded. */
  readonly captures?: number;
  readonly ageSeconds?: number;
  /** Default: a card that pays, except for a Cancelled checkout (a declined card). */
  readonly paymentMethod?: string;
}

export async function plantCheckout(admin: Client, plant: PlantedCheckout): Promise<string> {
  const id = randomUUID();
  const sku = plant.sku ?? 'DEMO-WIDGET';
  const qty = plant.qty ?? 1;
  const at = new Date(Date.now() - (plant.ageSeconds ?? 60) * 1000);
  const data = { checkoutId: id, items: [{ sku, qty }], paymentMethod: plant.paymentMethod ?? (plant.state === 'Cancelled' ? 'pm_card_chargeDeclined' : 'pm_card_visa') };
  await admin.query(
    `INSERT INTO checkout.checkouts (id, state, version, data, idempotency_key, request_hash, created_at, updated_at)
     VALUES ($1, $2, 1, $3, $5, 'planted', $4, $4)`,
    [id, plant.state, data, at, `planted-${id}`],
  );
  if (plant.reservation) {
    const lines = [{ sku, name: sku, qty, unitAmount: 3999 }];
    await admin.query(
      `INSERT INTO catalog.reservations (id, checkout_id, status, lines, amount, currency, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'GBP', $6, $6)`,
      [randomUUID(), id, plant.reservation, JSON.stringify(lines), 3999 * qty, at],
    );
  }
  const captures = plant.captures ?? 0;
  if (captures > 0) await plantCaptures(admin, id, captures, 3999 * qty, at);
  return id;
}

/** `count` succeeded charges at the provider, and the one payment row payments keeps for them. */
async function plantCaptures(admin: Client, checkoutId: string, count: number, amount: number, at: Date): Promise<void> {
  const session = `cs_${randomUUID().replace(/-/g, '')}`;
  await admin.query(
    `INSERT INTO psp.checkout_sessions (id, status, payment_status, amount_total, currency, line_items, metadata,
                                        payment_intent_metadata, created_at, expires_at)
     VALUES ($1, 'complete', 'paid', $2, 'gbp', '[]', '{}', '{}', $3, $3)`,
    [session, amount, at],
  );
  for (let i = 0; i < count; i++) {
    await admin.query(
      `INSERT INTO psp.payment_intents (id, session_id, amount, currency, status, metadata, created_at)
       VALUES ($1, $2, $3, 'gbp', 'succeeded', $4, $5)`,
      [`pi_${randomUUID().replace(/-/g, '')}`, session, amount, { checkoutId }, at],
    );
  }
  await admin.query(
    `INSERT INTO payments.payments (id, checkout_id, amount, currency, payment_method, status, provider_session_id,
                                    session_expires_at, provider_payment_id, created_at, updated_at)
     VALUES ($1, $2, $3, 'GBP', 'pm_card_visa', 'succeeded', $4, $5, 'pi_planted', $5, $5)`,
    [randomUUID(), checkoutId, amount, session, at],
  );
}

/** Back to the migrated state: no checkouts, no money, the seeded stock with nothing reserved. */
export async function clearPlantedState(admin: Client): Promise<void> {
  await admin.query(`TRUNCATE checkout.saga_timers, checkout.checkout_transitions, checkout.checkouts,
                     catalog.reservations, payments.refunds, payments.payments,
                     psp.refunds, psp.payment_intents, psp.customer_actions, psp.webhook_deliveries, psp.events,
                     psp.checkout_sessions, checkout.outbox, catalog.outbox, payments.outbox CASCADE`);
  await admin.query('UPDATE catalog.products SET reserved = 0');
}
