import { DatabaseService } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, freePort, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startOrchestrator } from '../testing/orchestrator-test-app';

/** The catalog's product list, which is all the orchestrator reads of it before a saga starts. */
function fakeCatalog(skus: readonly string[]): Server {
  return createServer((req, res) => {
    if (req.url !== '/api/products') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(skus.map((sku) => ({ sku }))));
  });
}

describe('starting a checkout (POST /api/checkouts)', () => {
  const database = uniqueName('start_checkout');
  const vhost = uniqueName('start_checkout');
  const catalog = fakeCatalog(['DEMO-WIDGET', 'SOLD-OUT-GADGET']);
  let app: INestApplication;

  beforeAll(async () => {
    const port = await freePort();
    await new Promise<void>((resolve) => catalog.listen(port, '127.0.0.1', resolve));
    // No catalog consumes the reservation requests here, so no checkout ever gets its stock:
    // admission control must not count that wait against new checkouts.
    app = await startOrchestrator(database, vhost, { CATALOG_URL: `http://127.0.0.1:${port}`, ADMISSION_MAX_FIRST_STEP_WAIT_MS: '600000' });
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => catalog.close(resolve));
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  }, 30_000);

  const order = { items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa' };
  const post = (body: unknown, key: string | null = randomUUID()) => {
    const call = request(app.getHttpServer()).post('/api/checkouts').send(body as object);
    return key === null ? call : call.set('Idempotency-Key', key);
  };
  const db = () => app.get(DatabaseService).dataSource;
  const countOf = async (sql: string, params: unknown[] = []) => Number((await db().query(sql, params))[0].n);
  const checkoutsWithKey = (key: string) => countOf('SELECT count(*) AS n FROM checkout.checkouts WHERE idempotency_key = $1', [key]);
  const outboxOf = (checkoutId: string) =>
    db().query('SELECT type FROM checkout.outbox WHERE correlation_id = $1', [checkoutId]) as Promise<{ type: string }[]>;
  const totals = async () => ({
    checkouts: await countOf('SELECT count(*) AS n FROM checkout.checkouts'),
    outbox: await countOf('SELECT count(*) AS n FROM checkout.outbox'),
    history: await countOf('SELECT count(*) AS n FROM checkout.checkout_transitions'),
  });

  describe('an order for known products with a fresh key', () => {
    it('is accepted as Initiated, with its first history step and one stock reservation request in the outbox', async () => {
      const response = await post(order).expect(202);
      const { checkoutId, state } = response.body as { checkoutId: string; state: string };
      expect(state).toBe('Initiated');
      expect((await db().query('SELECT state, version FROM checkout.checkouts WHERE id = $1', [checkoutId]))[0]).toEqual({ state: 'Initiated', version: 1 });
      expect(await outboxOf(checkoutId)).toEqual([{ type: 'StockReservationRequested' }]);
      const history = await db().query('SELECT from_state, to_state, event FROM checkout.checkout_transitions WHERE checkout_id = $1', [checkoutId]);
      expect(history).toEqual([{ from_state: null, to_state: 'Initiated', event: 'CheckoutRequested' }]);
    });
  });

  describe('an order the shop page starts for a visitor who watches it (watched: true)', () => {
    it('records the flag on the saga row and tells the edge its first step, after the stock reservation request', async () => {
      const { checkoutId } = (await post({ ...order, watched: true }).expect(202)).body as { checkoutId: string };
      const [saga] = await db().query('SELECT data FROM checkout.checkouts WHERE id = $1', [checkoutId]);
      expect(saga.data.watched).toBe(true);
      const rows: { type: string; envelope: { messageId: string; payload: Record<string, unknown> } }[] = await db().query(
        'SELECT type, envelope FROM checkout.outbox WHERE correlation_id = $1 ORDER BY id',
        [checkoutId],
      );
      expect(rows.map((row) => row.type)).toEqual(['StockReservationRequested', 'CheckoutTransitioned']);
      expect(rows[1].envelope.payload).toMatchObject({ checkoutId, from: null, to: 'Initiated', event: 'CheckoutRequested', causedBy: null });
      expect(rows[1].envelope.payload.sent).toEqual([rows[0].envelope]);
    });

    it('is another request than the same order unwatched: the key cannot be reused for it', async () => {
      const key = randomUUID();
      await post(order, key).expect(202);
      const watched = await post({ ...order, watched: true }, key).expect(422);
      expect(watched.body.code).toBe('CHECKOUT.IDEMPOTENCY_KEY_REUSED');
      await post({ ...order, watched: false }, key).expect(202);
    });
  });

  describe('a request sent again with the same key', () => {
    it('answers with the checkout it already started and starts no second one', async () => {
      const key = randomUUID();
      const first = (await post(order, key).expect(202)).body;
      // The same order, written with its keys in another order: the same request.
      const again = (await post({ paymentMethod: 'pm_card_visa', items: [{ qty: 1, sku: 'DEMO-WIDGET' }] }, key).expect(202)).body;
      expect(again).toEqual(first);
      expect(await checkoutsWithKey(key)).toBe(1);
      expect(await outboxOf(first.checkoutId)).toHaveLength(1);
    });

    it('starts one checkout when the copies race each other', async () => {
      const key = randomUUID();
      const answers = await Promise.all([post(order, key), post(order, key), post(order, key)]);
      expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
      expect(new Set(answers.map((answer) => answer.body.checkoutId)).size).toBe(1);
      expect(await checkoutsWithKey(key)).toBe(1);
      expect(await outboxOf(answers[0].body.checkoutId)).toHaveLength(1);
    });

    it('is refused with 422 when the body differs, and changes nothing', async () => {
      const key = randomUUID();
      const first = (await post(order, key).expect(202)).body;
      const before = await totals();
      const other = await post({ ...order, items: [{ sku: 'DEMO-WIDGET', qty: 2 }] }, key).expect(422);
      expect(other.body.code).toBe('CHECKOUT.IDEMPOTENCY_KEY_REUSED');
      expect(await totals()).toEqual(before);
      expect(await outboxOf(first.checkoutId)).toHaveLength(1);
    });
  });

  describe('a request a client must correct', () => {
    const refusals: [string, unknown, string | null, string][] = [
      ['without an Idempotency-Key', order, null, 'REQUEST.INVALID'],
      ['with a key too short to be unique', order, 'short', 'REQUEST.INVALID'],
      ['naming a price', { ...order, amount: 1 }, randomUUID(), 'REQUEST.INVALID'],
      ['with no items', { ...order, items: [] }, randomUUID(), 'REQUEST.INVALID'],
      ['with a quantity of zero', { ...order, items: [{ sku: 'DEMO-WIDGET', qty: 0 }] }, randomUUID(), 'REQUEST.INVALID'],
      ['listing one SKU twice', { ...order, items: [order.items[0], order.items[0]] }, randomUUID(), 'REQUEST.INVALID'],
      ['with a malformed payment method', { ...order, paymentMethod: 'card 4242' }, randomUUID(), 'REQUEST.INVALID'],
      ['saying it is watched in words', { ...order, watched: 'yes' }, randomUUID(), 'REQUEST.INVALID'],
      ['for a product the catalog does not list', { ...order, items: [{ sku: 'NO-SUCH-THING', qty: 1 }] }, randomUUID(), 'CHECKOUT.UNKNOWN_SKU'],
    ];

    it.each(refusals)('is refused with 400 when sent %s, and changes nothing', async (_, body, key, code) => {
      const before = await totals();
      const response = await post(body, key).expect(400);
      expect(response.body.code).toBe(code);
      expect(await totals()).toEqual(before);
    });

    it('leaves the key free: the corrected request with the same key starts the checkout', async () => {
      const key = randomUUID();
      await post({ ...order, items: [{ sku: 'NO-SUCH-THING', qty: 1 }] }, key).expect(400);
      await post(order, key).expect(202);
      expect(await checkoutsWithKey(key)).toBe(1);
    });
  });
});
