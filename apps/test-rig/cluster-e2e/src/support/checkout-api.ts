import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { TestCluster } from './test-cluster';
import { adminUrlFor } from './test-infrastructure';

export interface HistoryStep {
  from: string | null;
  to: string;
  event: string;
  messageId: string;
  compensation: boolean;
}

export interface CheckoutView {
  checkoutId: string;
  state: string;
  final: boolean;
  total: number | null;
  currency: string | null;
  reason: string | null;
  refunded: boolean;
  history: HistoryStep[];
}

export interface Product {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

/** The orchestrator's and the catalog's HTTP APIs, as a client of the cluster uses them. */
export class CheckoutApi {
  constructor(private readonly cluster: TestCluster) {}

  /**
   * Like a well-behaved client: a checkout shed by admission control is sent again after
   * Retry-After, and a request whose answer was lost (connection reset, 5xx) is sent again
   * with the same Idempotency-Key, which returns the checkout it may already have started.
   */
  async start(items: { sku: string; qty: number }[], paymentMethod: string, key: string = randomUUID()) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await this.post(items, paymentMethod, key).catch(() => undefined);
      const again = answer === undefined || answer.status >= 500;
      if ((!again && answer) || Date.now() > deadline) {
        if (!answer) throw new Error('the orchestrator did not answer POST /api/checkouts');
        return { status: answer.status, body: answer.body };
      }
      await new Promise((resolve) => setTimeout(resolve, (answer?.retryAfterSeconds ?? 0.2) * 1000));
    }
  }

  private async post(items: { sku: string; qty: number }[], paymentMethod: string, key: string) {
    const response = await fetch(`${this.cluster.urlOf('checkout-orchestrator')}/api/checkouts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ items, paymentMethod }),
    });
    const body = (await response.json()) as { checkoutId: string; state: string; code?: string };
    const retryAfter = response.headers.get('retry-after');
    return { status: response.status, body, retryAfterSeconds: retryAfter === null ? null : Number(retryAfter) };
  }

  async checkout(checkoutId: string): Promise<CheckoutView> {
    const response = await fetch(`${this.cluster.urlOf('checkout-orchestrator')}/api/checkouts/${checkoutId}`);
    return (await response.json()) as CheckoutView;
  }

  /** Polls until the checkout satisfies `done` (default: it reached a final state). */
  async settle(checkoutId: string, done: (view: CheckoutView) => boolean = (v) => v.final, timeoutMs = 30_000): Promise<CheckoutView> {
    const deadline = Date.now() + timeoutMs;
    let view = await this.checkout(checkoutId);
    while (!done(view)) {
      if (Date.now() > deadline) throw new Error(`checkout ${checkoutId} did not settle: ${JSON.stringify(view)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      view = await this.checkout(checkoutId);
    }
    return view;
  }

  /**
   * Waits until the catalog has sold the stock of every completed checkout among `views`. The
   * saga ends Completed with the payment and sends the sale as a command it does not wait for
   * (docs/decisions/0051), so the sale is read where it is made: the reservation, committed.
   * One connection polls for all of them.
   */
  async untilSold(views: readonly CheckoutView[], timeoutMs = 30_000): Promise<void> {
    const completed = views.filter((view) => view.state === 'Completed').map((view) => view.checkoutId);
    if (completed.length === 0) return;
    const deadline = Date.now() + timeoutMs;
    const db = new Client({ connectionString: adminUrlFor(this.cluster.database) });
    await db.connect();
    try {
      for (;;) {
        const { rows } = await db.query<{ unsold: string[] }>(
          `SELECT coalesce(array_agg(c.checkout_id), '{}') AS unsold FROM unnest($1::uuid[]) AS c(checkout_id)
           WHERE NOT EXISTS (SELECT 1 FROM catalog.reservations r WHERE r.checkout_id = c.checkout_id AND r.status = 'committed')`,
          [completed],
        );
        if (rows[0].unsold.length === 0) return;
        if (Date.now() > deadline) throw new Error(`the catalog did not sell the stock of ${rows[0].unsold.length} completed checkouts: ${rows[0].unsold.slice(0, 5).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await db.end();
    }
  }

  /** `settle` to a final state, then, for a completed checkout, `untilSold`. */
  async settleSold(checkoutId: string, timeoutMs = 30_000): Promise<CheckoutView> {
    const deadline = Date.now() + timeoutMs;
    const view = await this.settle(checkoutId, (v) => v.final, timeoutMs);
    await this.untilSold([view], Math.max(deadline - Date.now(), 5_000));
    return view;
  }

  async product(sku: string): Promise<Product> {
    const response = await fetch(`${this.cluster.urlOf('catalog-svc')}/api/products/${sku}`);
    return (await response.json()) as Product;
  }

  async setStock(sku: string, onHand: number): Promise<void> {
    const response = await fetch(`${this.cluster.urlOf('catalog-svc')}/ops/products/${sku}/stock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ onHand }),
    });
    if (!response.ok) throw new Error(`setting stock answered ${response.status}`);
  }
}

/** "from -event-> to" lines, the shape the scenario specs assert. */
export const steps = (view: CheckoutView) => view.history.map((s) => `${s.from ?? 'Initial'} -${s.event}-> ${s.to}`);

/** The rows of a paid checkout, in the order they happen, as the demo page shows them. */
export const HAPPY_PATH_ROWS = [
  'POST /api/demo/saga/start',
  'POST /api/checkouts',
  'StockReservationRequested',
  'StockReserved',
  'PaymentSessionRequested',
  'POST /v1/checkout/sessions',
  'PaymentSessionCreated',
  'webhook checkout.session.completed',
  'PaymentCompleted',
  'StockCommitRequested',
  'CheckoutCompleted',
];
