import { type MessageEnvelope, StockReservationFailed, StockReservationRequested } from '@checkout/contracts';
import { DeadLetterService } from '@checkout/messaging';
import { MetricsService } from '@checkout/platform';
import { eventually } from '@checkout/platform/testing';
import { CatalogTestApp } from '../testing/catalog-test-app';
import { reservationRequested } from '../testing/catalog-messages';

describe('checkouts racing for the last units', () => {
  let catalog: CatalogTestApp;

  beforeAll(async () => {
    catalog = await CatalogTestApp.start();
  });

  afterAll(() => catalog.close());

  /** Batches the catalog's consumer has taken so far (message_batches_total). */
  const batchesTaken = async () => {
    const metric = await catalog.app.get(MetricsService).registry.getSingleMetric('message_batches_total')?.get();
    return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
  };

  describe.each([
    { checkouts: 50, onHand: 20 },
    { checkouts: 1_000, onHand: 500 },
  ])('$checkouts reservations of one unit each, handled concurrently, against $onHand on hand', ({ checkouts, onHand }) => {
    it(`holds exactly ${onHand}, refuses the other ${checkouts - onHand} as OUT_OF_STOCK and never oversells`, async () => {
      const sku = await catalog.addProduct({ onHand });
      const requests = Array.from({ length: checkouts }, () => reservationRequested([{ sku, qty: 1 }]));
      // Watched while the race runs, not only at the end: no moment shows more held than on hand.
      const levels: { onHand: number; reserved: number }[] = [];
      const batchesBefore = await batchesTaken();
      const watching = setInterval(() => void catalog.stockOf(sku).then((level) => levels.push(level)).catch(() => undefined), 20);

      // Through the broker, as in production: the consumer handles up to its prefetch at once.
      await Promise.all(requests.map((request) => catalog.publish(StockReservationRequested.routingKey, request)));
      const replies = await eventually(async () => {
        const all = await catalog.repliesToAll(requests);
        return all.length >= checkouts && all;
      }, 60_000, 'a reply to every request');
      clearInterval(watching);

      expect(tally(replies)).toEqual({ StockReserved: onHand, OUT_OF_STOCK: checkouts - onHand });
      expect(await catalog.stockOf(sku)).toMatchObject({ onHand, reserved: onHand });
      expect(levels.length).toBeGreaterThan(0);
      expect(levels.filter((level) => level.reserved < 0 || level.reserved > level.onHand)).toEqual([]);
      const [held] = await catalog.query<{ count: number; units: number }>(
        `SELECT count(*)::int AS count, sum((lines->0->>'qty')::int)::int AS units FROM catalog.reservations
         WHERE status = 'held' AND lines->0->>'sku' = $1`,
        [sku],
      );
      expect(held).toEqual({ count: onHand, units: onHand });
      expect(await catalog.app.get(DeadLetterService).counts()).toEqual({ [catalog.queue]: 0 });
      // Many requests for the one product shared a batch's transaction, and still none oversold.
      expect((await batchesTaken()) - batchesBefore).toBeLessThan(checkouts);
    }, 90_000);
  });
});

/** How many replies of each outcome: a reservation, or the reason it was refused. */
function tally(replies: readonly MessageEnvelope[]): Record<string, number> {
  const outcomes = replies.map((reply) =>
    reply.type === 'StockReservationFailed' ? (reply.payload as StockReservationFailed).reason : reply.type,
  );
  return outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});
}
