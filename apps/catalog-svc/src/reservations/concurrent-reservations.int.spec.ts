import { type MessageEnvelope, StockReservationFailed, StockReservationRequested } from '@checkout/contracts';
import { DeadLetterService } from '@checkout/messaging';
import { eventually } from '@checkout/platform/testing';
import { CatalogTestApp } from '../testing/catalog-test-app';
import { reservationRequested } from '../testing/catalog-messages';

const CHECKOUTS = 50;
const ON_HAND = 20;

describe('checkouts racing for the last units', () => {
  let catalog: CatalogTestApp;

  beforeAll(async () => {
    catalog = await CatalogTestApp.start();
  });

  afterAll(() => catalog.close());

  describe(`${CHECKOUTS} reservations of one unit each, handled concurrently, against ${ON_HAND} on hand`, () => {
    it(`holds exactly ${ON_HAND}, refuses the other ${CHECKOUTS - ON_HAND} as OUT_OF_STOCK and never oversells`, async () => {
      const sku = await catalog.addProduct({ onHand: ON_HAND });
      const requests = Array.from({ length: CHECKOUTS }, () => reservationRequested([{ sku, qty: 1 }]));

      // Through the broker, as in production: the consumer handles up to its prefetch at once,
      // and every lost optimistic-concurrency race is re-run by the inbox.
      await Promise.all(requests.map((request) => catalog.publish(StockReservationRequested.routingKey, request)));
      const replies = await eventually(async () => {
        const all = (await Promise.all(requests.map((request) => catalog.repliesTo(request)))).flat();
        return all.length >= CHECKOUTS && all;
      }, 20_000, 'a reply to every request');

      expect(tally(replies)).toEqual({ StockReserved: ON_HAND, OUT_OF_STOCK: CHECKOUTS - ON_HAND });
      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: ON_HAND, reserved: ON_HAND });
      const [held] = await catalog.query<{ count: number; units: number }>(
        `SELECT count(*)::int AS count, sum((lines->0->>'qty')::int)::int AS units FROM catalog.reservations
         WHERE status = 'held' AND lines->0->>'sku' = $1`,
        [sku],
      );
      expect(held).toEqual({ count: ON_HAND, units: ON_HAND });
      expect(await catalog.app.get(DeadLetterService).counts()).toEqual({ [catalog.queue]: 0 });
    });
  });
});

/** How many replies of each outcome: a reservation, or the reason it was refused. */
function tally(replies: readonly MessageEnvelope[]): Record<string, number> {
  const outcomes = replies.map((reply) =>
    reply.type === 'StockReservationFailed' ? (reply.payload as StockReservationFailed).reason : reply.type,
  );
  return outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});
}
