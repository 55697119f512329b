import { StockCommitRequested } from '@checkout/contracts';
import { DeadLetterService } from '@checkout/messaging';
import { eventually } from '@checkout/platform/testing';
import { CatalogTestApp } from '../testing/catalog-test-app';
import { commitRequested, releaseRequested, reservationRequested } from '../testing/catalog-messages';
import { CommitStockHandler } from './commit-stock.handler';
import { ReleaseStockHandler } from './release-stock.handler';
import { ReserveStockHandler } from './reserve-stock.handler';

describe('committing the stock of a paid checkout', () => {
  let catalog: CatalogTestApp;

  beforeAll(async () => {
    catalog = await CatalogTestApp.start();
  });

  afterAll(() => catalog.close());


  describe('a held reservation committed, then committed again', () => {
    it('turns the reserved units into a sale once: on hand down, reserved back', async () => {
      const { sku, checkoutId, reservationId } = await catalog.holding(3);
      const commit = commitRequested(checkoutId, reservationId);
      const commitAgain = commitRequested(checkoutId, reservationId);

      await catalog.deliver(CommitStockHandler, commit);
      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 7, reserved: 0 });
      await catalog.deliver(CommitStockHandler, commitAgain);

      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 7, reserved: 0 });
      expect((await catalog.reservationOf(checkoutId))?.status).toBe('committed');
      // No reply: the saga does not wait for a sale that cannot fail (docs/decisions/0051).
      expect([...(await catalog.repliesTo(commit)), ...(await catalog.repliesTo(commitAgain))]).toEqual([]);
    });
  });

  describe('a commit of several lines, one of which can no longer be sold', () => {
    it('fails whole: no line is sold and the reservation stays held', async () => {
      const [first, second] = [await catalog.addProduct({ onHand: 10 }), await catalog.addProduct({ onHand: 10 })];
      const request = reservationRequested([{ sku: first, qty: 2 }, { sku: second, qty: 3 }]);
      await catalog.deliver(ReserveStockHandler, request);
      const { checkoutId } = request.payload;
      const reservation = await catalog.reservationOf(checkoutId);
      // Whichever comes later in SKU order loses what it held, behind the catalog's back.
      const [, later] = [first, second].sort();
      await catalog.query('UPDATE catalog.products SET reserved = 0 WHERE sku = $1', [later]);

      await expect(catalog.deliver(CommitStockHandler, commitRequested(checkoutId, reservation?.id ?? ''))).rejects.toThrow(/too little held/);

      const earlier = later === first ? second : first;
      expect(await catalog.stockOf(earlier)).toMatchObject({ onHand: 10, reserved: earlier === first ? 2 : 3 });
      expect((await catalog.reservationOf(checkoutId))?.status).toBe('held');
    });
  });

  describe('a commit after the stock was released', () => {
    it('is refused with CATALOG.RESERVATION_RELEASED and sells nothing', async () => {
      const { sku, checkoutId, reservationId } = await catalog.holding(3);
      await catalog.deliver(ReleaseStockHandler, releaseRequested(checkoutId, reservationId));
      const commit = commitRequested(checkoutId, reservationId);

      await expect(catalog.deliver(CommitStockHandler, commit)).rejects.toMatchObject({ code: 'CATALOG.RESERVATION_RELEASED' });

      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 10, reserved: 0 });
      expect((await catalog.reservationOf(checkoutId))?.status).toBe('released');
      expect(await catalog.repliesTo(commit)).toEqual([]);
    });

    it('ends in the dead-letter queue with its reason, for an operator', async () => {
      const { checkoutId, reservationId } = await catalog.holding(1);
      await catalog.deliver(ReleaseStockHandler, releaseRequested(checkoutId, reservationId));
      const commit = commitRequested(checkoutId, reservationId);

      await catalog.publish(StockCommitRequested.routingKey, commit);

      const deadLetter = await eventually(async () => {
        const letters = await catalog.app.get(DeadLetterService).list();
        return letters.find((letter) => letter.messageId === commit.messageId);
      }, 10_000, 'the commit dead-lettered');
      expect(deadLetter.reason).toContain(`Reservation ${reservationId} was released; its stock cannot be sold`);
      expect(deadLetter.attempts).toBe(3);
    });
  });

  describe('a commit for a reservation the checkout does not have', () => {
    it('is refused with CATALOG.RESERVATION_NOT_FOUND', async () => {
      const { checkoutId } = await catalog.holding(1);
      const other = await catalog.holding(1);

      await expect(catalog.deliver(CommitStockHandler, commitRequested(checkoutId, other.reservationId))).rejects.toMatchObject({
        code: 'CATALOG.RESERVATION_NOT_FOUND',
      });
      expect(await catalog.stockOf(other.sku)).toMatchObject({ onHand: 10, reserved: 1 });
    });
  });

  describe('a release after the sale', () => {
    it('is refused with CATALOG.RESERVATION_COMMITTED: sold stock does not come back', async () => {
      const { sku, checkoutId, reservationId } = await catalog.holding(2);
      await catalog.deliver(CommitStockHandler, commitRequested(checkoutId, reservationId));

      await expect(catalog.deliver(ReleaseStockHandler, releaseRequested(checkoutId, reservationId))).rejects.toMatchObject({
        code: 'CATALOG.RESERVATION_COMMITTED',
      });
      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 8, reserved: 0 });
    });
  });
});
