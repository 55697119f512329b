import { CatalogTestApp } from '../testing/catalog-test-app';
import { reservationRequested } from '../testing/catalog-messages';
import { ReserveStockHandler } from './reserve-stock.handler';

describe('reserving stock for a checkout', () => {
  let catalog: CatalogTestApp;

  beforeAll(async () => {
    catalog = await CatalogTestApp.start();
  });

  afterAll(() => catalog.close());

  describe('a reservation for stock that is available', () => {
    it('holds every line and replies StockReserved, priced from the catalog', async () => {
      const widget = await catalog.addProduct({ onHand: 5, unitAmount: 3999, name: 'Widget' });
      const mug = await catalog.addProduct({ onHand: 10, unitAmount: 1500, name: 'Mug' });
      const request = reservationRequested([{ sku: widget, qty: 2 }, { sku: mug, qty: 1 }]);

      await catalog.deliver(ReserveStockHandler, request);

      const reservation = await catalog.reservationOf(request.payload.checkoutId);
      expect(reservation).toMatchObject({ status: 'held', amount: 9498, currency: 'GBP' });
      const [reply] = await catalog.repliesTo(request);
      expect(reply).toMatchObject({
        type: 'StockReserved',
        correlationId: request.payload.checkoutId,
        causationId: request.messageId,
        payload: {
          checkoutId: request.payload.checkoutId,
          reservationId: reservation?.id,
          lines: [
            { sku: widget, name: 'Widget', qty: 2, unitAmount: 3999 },
            { sku: mug, name: 'Mug', qty: 1, unitAmount: 1500 },
          ],
          amount: 2 * 3999 + 1500,
          currency: 'GBP',
        },
      });
      expect(await catalog.stockOf(widget)).toMatchObject({ onHand: 5, reserved: 2 });
      expect(await catalog.stockOf(mug)).toMatchObject({ onHand: 10, reserved: 1 });
    });
  });

  describe('a reservation for a SKU the catalog does not sell', () => {
    it('replies UNKNOWN_SKU and reserves nothing', async () => {
      const widget = await catalog.addProduct({ onHand: 5 });
      const request = reservationRequested([{ sku: widget, qty: 1 }, { sku: 'NO-SUCH-THING', qty: 1 }]);

      await catalog.deliver(ReserveStockHandler, request);

      expect((await catalog.repliesTo(request)).map((reply) => [reply.type, reply.payload])).toEqual([
        ['StockReservationFailed', { checkoutId: request.payload.checkoutId, reason: 'UNKNOWN_SKU', sku: 'NO-SUCH-THING' }],
      ]);
      expect(await catalog.stockOf(widget)).toMatchObject({ onHand: 5, reserved: 0 });
      expect(await catalog.reservationOf(request.payload.checkoutId)).toBeNull();
    });
  });

  describe('a reservation for more than is available', () => {
    it('replies OUT_OF_STOCK and reserves nothing', async () => {
      const plenty = await catalog.addProduct({ onHand: 100 });
      const scarce = await catalog.addProduct({ onHand: 5 });
      await catalog.deliver(ReserveStockHandler, reservationRequested([{ sku: scarce, qty: 3 }]));
      const request = reservationRequested([{ sku: plenty, qty: 1 }, { sku: scarce, qty: 3 }]);

      await catalog.deliver(ReserveStockHandler, request);

      expect((await catalog.repliesTo(request)).map((reply) => reply.payload)).toEqual([
        { checkoutId: request.payload.checkoutId, reason: 'OUT_OF_STOCK', sku: scarce },
      ]);
      expect(await catalog.stockOf(plenty)).toMatchObject({ onHand: 100, reserved: 0 });
      expect(await catalog.stockOf(scarce)).toMatchObject({ onHand: 5, reserved: 3 });
    });

    it('replies OUT_OF_STOCK for the seeded Sold-out Gadget', async () => {
      const request = reservationRequested([{ sku: 'SOLD-OUT-GADGET', qty: 1 }]);

      await catalog.deliver(ReserveStockHandler, request);

      expect((await catalog.repliesTo(request)).map((reply) => reply.payload)).toEqual([
        { checkoutId: request.payload.checkoutId, reason: 'OUT_OF_STOCK', sku: 'SOLD-OUT-GADGET' },
      ]);
    });
  });

  describe('a reservation requested twice for one checkout', () => {
    it('replies again with the same reservation and holds the stock only once', async () => {
      const widget = await catalog.addProduct({ onHand: 5 });
      const first = reservationRequested([{ sku: widget, qty: 2 }]);
      const again = reservationRequested([{ sku: widget, qty: 2 }], first.payload.checkoutId);

      await catalog.deliver(ReserveStockHandler, first);
      await catalog.deliver(ReserveStockHandler, again);

      const [firstReply] = await catalog.repliesTo(first);
      const [secondReply] = await catalog.repliesTo(again);
      expect(secondReply.type).toBe('StockReserved');
      expect(secondReply.payload).toEqual(firstReply.payload);
      expect(await catalog.stockOf(widget)).toMatchObject({ onHand: 5, reserved: 2 });
    });

    it('holds the stock only once when both requests are handled at the same moment', async () => {
      const widget = await catalog.addProduct({ onHand: 5 });
      const first = reservationRequested([{ sku: widget, qty: 2 }]);
      const again = reservationRequested([{ sku: widget, qty: 2 }], first.payload.checkoutId);

      await Promise.all([catalog.deliver(ReserveStockHandler, first), catalog.deliver(ReserveStockHandler, again)]);

      const replies = [...(await catalog.repliesTo(first)), ...(await catalog.repliesTo(again))];
      expect(replies.map((reply) => reply.type)).toEqual(['StockReserved', 'StockReserved']);
      expect(replies[0].payload).toEqual(replies[1].payload);
      expect(await catalog.stockOf(widget)).toMatchObject({ onHand: 5, reserved: 2 });
    });

    it('absorbs a redelivery of the very same message without a second effect or reply', async () => {
      const widget = await catalog.addProduct({ onHand: 5 });
      const request = reservationRequested([{ sku: widget, qty: 2 }]);

      expect(await catalog.deliver(ReserveStockHandler, request)).toBe('handled');
      expect(await catalog.deliver(ReserveStockHandler, request)).toBe('duplicate');

      expect(await catalog.repliesTo(request)).toHaveLength(1);
      expect(await catalog.stockOf(widget)).toMatchObject({ reserved: 2 });
    });
  });
});
