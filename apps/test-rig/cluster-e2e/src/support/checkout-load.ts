import { Client } from 'pg';
import { CheckoutApi, CheckoutView } from './checkout-api';
import { adminUrlFor } from './test-infrastructure';

export interface LoadResult {
  /** Checkouts the orchestrator accepted (202). */
  accepted: string[];
  /** Every request that did not get a 202, with what happened instead. */
  failures: string[];
}

/**
 * Posts checkouts for `durationMs` with `inFlight` requests at a time, as clients would during
 * a restart. Every answer other than 202 counts as a failure, a dropped connection included.
 */
export async function postCheckoutsFor(
  api: CheckoutApi,
  order: { sku: string; qty: number }[],
  paymentMethod: string,
  { durationMs, inFlight }: { durationMs: number; inFlight: number },
): Promise<LoadResult> {
  const result: LoadResult = { accepted: [], failures: [] };
  const until = Date.now() + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < until) {
        try {
          const { status, body } = await api.start(order, paymentMethod);
          if (status === 202) result.accepted.push(body.checkoutId);
          else result.failures.push(`${status} ${JSON.stringify(body)}`);
        } catch (error) {
          result.failures.push(describeFailure(error));
        }
      }
    }),
  );
  return result;
}

/** Runs `work` over `items` with at most `limit` in flight at once. */
export async function inFlight<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}


/** The events a checkout's history holds more than once: a duplicated effect, if any. */
export function repeatedEvents(view: CheckoutView): string[] {
  const seen = new Set<string>();
  return view.history.map((step) => step.event).filter((event) => (seen.has(event) ? true : (seen.add(event), false)));
}

/** How many succeeded payments each checkout has at the provider's side of payments-svc. */
export async function succeededPaymentsByCheckout(database: string): Promise<Map<string, number>> {
  const db = new Client({ connectionString: adminUrlFor(database) });
  await db.connect();
  try {
    const { rows } = await db.query<{ checkout_id: string; n: string }>(
      `SELECT checkout_id, count(*) AS n FROM payments.payments WHERE status = 'succeeded' GROUP BY checkout_id`,
    );
    return new Map(rows.map((row) => [row.checkout_id, Number(row.n)]));
  } finally {
    await db.end();
  }
}

/** `fetch failed` hides what happened in its cause (a reset, a refused connection). */
function describeFailure(error: unknown): string {
  const { message, cause } = error as { message?: string; cause?: { code?: string; message?: string } };
  return `${message ?? String(error)}: ${cause?.code ?? ''} ${cause?.message ?? ''}`.trim();
}
