import { HttpStatus } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ReserveStockHandler } from '../reservations/reserve-stock.handler';
import { CatalogTestApp } from '../testing/catalog-test-app';
import { reservationRequested } from '../testing/catalog-messages';

describe('the products HTTP API', () => {
  let catalog: CatalogTestApp;
  let http: App;

  beforeAll(async () => {
    catalog = await CatalogTestApp.start();
    http = catalog.app.getHttpServer();
  });

  afterAll(() => catalog.close());

  describe('the product list of a freshly migrated catalog', () => {
    it('shows the seeded price list in SKU order, with what is available', async () => {
      const response = await request(http).get('/api/products').expect(HttpStatus.OK);

      expect(response.body).toEqual([
        { sku: 'DEMO-WIDGET', name: 'Demo Widget', unitAmount: 3999, currency: 'GBP', onHand: 1_000_000, reserved: 0, available: 1_000_000 },
        { sku: 'SOLD-OUT-GADGET', name: 'Sold-out Gadget', unitAmount: 2499, currency: 'GBP', onHand: 0, reserved: 0, available: 0 },
        { sku: 'TRAVEL-MUG', name: 'Travel Mug', unitAmount: 1500, currency: 'GBP', onHand: 250, reserved: 0, available: 250 },
      ]);
    });
  });

  describe('one product', () => {
    it('is found by its SKU, with reserved units no longer available', async () => {
      const sku = await catalog.addProduct({ onHand: 10, unitAmount: 750, name: 'Keyring' });
      await catalog.deliver(ReserveStockHandler, reservationRequested([{ sku, qty: 4 }]));

      const response = await request(http).get(`/api/products/${sku}`).expect(HttpStatus.OK);

      expect(response.body).toEqual({ sku, name: 'Keyring', unitAmount: 750, currency: 'GBP', onHand: 10, reserved: 4, available: 6 });
    });

    it('is 404 CATALOG.PRODUCT_NOT_FOUND for a SKU the catalog does not sell', async () => {
      const response = await request(http).get('/api/products/NO-SUCH-THING').expect(HttpStatus.NOT_FOUND);

      expect(response.body).toMatchObject({ code: 'CATALOG.PRODUCT_NOT_FOUND', message: 'There is no product with SKU "NO-SUCH-THING"' });
    });

    it('is 400 REQUEST.INVALID for a malformed SKU, saying what a SKU looks like', async () => {
      const response = await request(http).get('/api/products/demo widget').expect(HttpStatus.BAD_REQUEST);

      expect(response.body).toMatchObject({
        code: 'REQUEST.INVALID',
        details: ['sku: expected a SKU of 2-32 upper-case letters, digits or hyphens'],
      });
    });
  });

  describe('an operator setting the stock on hand', () => {
    it('changes what is on hand and what is available', async () => {
      const sku = await catalog.addProduct({ onHand: 10 });
      const before = await catalog.stockOf(sku);

      const response = await request(http).put(`/ops/products/${sku}/stock`).send({ onHand: 25 }).expect(HttpStatus.OK);

      expect(response.body).toMatchObject({ sku, onHand: 25, reserved: 0, available: 25 });
      expect(await catalog.stockOf(sku)).toEqual({ onHand: 25, reserved: 0, version: before.version + 1 });
    });

    it('is 409 CATALOG.STOCK_BELOW_RESERVED below what checkouts hold, and changes nothing', async () => {
      const sku = await catalog.addProduct({ onHand: 10 });
      await catalog.deliver(ReserveStockHandler, reservationRequested([{ sku, qty: 6 }]));

      const response = await request(http).put(`/ops/products/${sku}/stock`).send({ onHand: 5 }).expect(HttpStatus.CONFLICT);

      expect(response.body).toMatchObject({ code: 'CATALOG.STOCK_BELOW_RESERVED' });
      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 10, reserved: 6 });
      await request(http).put(`/ops/products/${sku}/stock`).send({ onHand: 6 }).expect(HttpStatus.OK);
    });

    it('is 400 REQUEST.INVALID for a count that is negative, fractional, text or missing', async () => {
      const sku = await catalog.addProduct({ onHand: 10 });
      for (const body of [{ onHand: -1 }, { onHand: 2.5 }, { onHand: '7' }, {}]) {
        const response = await request(http).put(`/ops/products/${sku}/stock`).send(body).expect(HttpStatus.BAD_REQUEST);
        expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', details: ['onHand: expected a whole number from 0 to 2147483647'] });
      }
      expect(await catalog.stockOf(sku)).toMatchObject({ onHand: 10 });
    });

    it('is 404 CATALOG.PRODUCT_NOT_FOUND for a SKU the catalog does not sell', async () => {
      const response = await request(http).put('/ops/products/NO-SUCH-THING/stock').send({ onHand: 1 }).expect(HttpStatus.NOT_FOUND);

      expect(response.body).toMatchObject({ code: 'CATALOG.PRODUCT_NOT_FOUND' });
    });
  });
});
