import { StockBelowReservedError, StockInvariantError } from './product.errors';
import { available, release, reserve, restock, sell } from './stock.rules';

const mug = (onHand: number, reserved: number) => ({ sku: 'TRAVEL-MUG', onHand, reserved });

describe('stock levels', () => {
  describe('what is available', () => {
    it('is what is on hand less what is reserved', () => {
      expect(available(mug(10, 3))).toBe(7);
      expect(available(mug(4, 4))).toBe(0);
    });
  });

  describe('reserving', () => {
    it('holds the units without taking them off the shelf', () => {
      expect(reserve(mug(10, 3), 7)).toEqual({ onHand: 10, reserved: 10 });
    });

    it('refuses to hold more than is available', () => {
      expect(() => reserve(mug(10, 3), 8)).toThrow(StockInvariantError);
    });
  });

  describe('releasing', () => {
    it('gives held units back', () => {
      expect(release(mug(10, 3), 2)).toEqual({ onHand: 10, reserved: 1 });
    });

    it('refuses to give back more than is held', () => {
      expect(() => release(mug(10, 3), 4)).toThrow(StockInvariantError);
    });
  });

  describe('selling', () => {
    it('takes held units off the shelf and out of reservation', () => {
      expect(sell(mug(10, 3), 2)).toEqual({ onHand: 8, reserved: 1 });
    });

    it('refuses to sell units that were never held', () => {
      expect(() => sell(mug(10, 3), 4)).toThrow(StockInvariantError);
    });
  });

  describe('restocking', () => {
    it('sets what is on hand and keeps what is reserved', () => {
      expect(restock(mug(10, 3), 50)).toEqual({ onHand: 50, reserved: 3 });
      expect(restock(mug(10, 3), 3)).toEqual({ onHand: 3, reserved: 3 });
    });

    it('refuses to go below what is reserved, with a 409 the operator can act on', () => {
      const attempt = () => restock(mug(10, 3), 2);
      expect(attempt).toThrow(StockBelowReservedError);
      expect(attempt).toThrow(expect.objectContaining({ code: 'CATALOG.STOCK_BELOW_RESERVED', status: 409 }));
    });
  });
});
