import { randomUUID } from 'node:crypto';
import { CatalogTestApp } from '../testing/catalog-test-app';
import { releaseRequested, reservationRequested } from '../testing/catalog-messages';
import { ReleaseStockHandler } from './release-stock.handler';
import { ReserveStockHandler } from './reserve-stock.handler';

describe('releasing stock for a checkout that will not complete', () => {
  let catalog: CatalogTestApp;

  beforeAll(async () => {
    catalog = await CatalogTestApp.start();
  });

  afterAll(() => catalog.close());


  describe('a held reservation released, then released again', () => {
    it('gives the stock back once and replies StockReleased both times', async () => {
      const { sku, checkoutId, reservationId } = await catalog.holding(3);
      const release = releaseRequested(checkoutId, reservationId);
      const releaseAgain = releaseRequested(checkoutId, reservationId);

      await catalog.deliver(ReleaseStockHandler, release);
      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 10, reserved: 0 });
      await catalog.deliver(ReleaseStockHandler, releaseAgain);

      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 10, reserved: 0 });
      expect((await catalog.reservationOf(checkoutId))?.status).toBe('released');
      const replies = [...(await catalog.repliesTo(release)), ...(await catalog.repliesTo(releaseAgain))];
      expect(replies.map((reply) => [reply.type, reply.payload])).toEqual([
        ['StockReleased', { checkoutId, reservationId }],
        ['StockReleased', { checkoutId, reservationId }],
      ]);
    });
  });

  describe('a release that does not know the reservation id', () => {
    it('releases whatever the checkout holds and names the reservation in its reply', async () => {
      const { sku, checkoutId, reservationId } = await catalog.holding(4);
      const release = releaseRequested(checkoutId, null);

      await catalog.deliver(ReleaseStockHandler, release);

      expect(await catalog.stockOf(sku)).toMatchObject({ reserved: 0 });
      expect((await catalog.repliesTo(release)).map((reply) => reply.payload)).toEqual([{ checkoutId, reservationId }]);
    });
  });

  describe('a release for a checkout that holds nothing', () => {
    it('replies StockReleased without a reservation, and a reservation request arriving later holds nothing', async () => {
      const sku = await catalog.addProduct({ onHand: 10 });
      const lateRequest = reservationRequested([{ sku, qty: 2 }]);
      const { checkoutId } = lateRequest.payload;
      const release = releaseRequested(checkoutId, null);

      await catalog.deliver(ReleaseStockHandler, release);
      await catalog.deliver(ReserveStockHandler, lateRequest);

      expect((await catalog.repliesTo(release)).map((reply) => reply.payload)).toEqual([{ checkoutId, reservationId: null }]);
      expect(await catalog.repliesTo(lateRequest)).toEqual([]);
      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 10, reserved: 0 });
    });
  });

  describe('a release naming a reservation the checkout does not have', () => {
    it('is refused with CATALOG.RESERVATION_NOT_FOUND and changes nothing', async () => {
      const { sku, checkoutId } = await catalog.holding(2);
      const release = releaseRequested(checkoutId, randomUUID());

      await expect(catalog.deliver(ReleaseStockHandler, release)).rejects.toMatchObject({ code: 'CATALOG.RESERVATION_NOT_FOUND' });

      expect(await catalog.stockOf(sku)).toMatchObject({ reserved: 2 });
      expect(await catalog.repliesTo(release)).toEqual([]);
    });
  });
});
