import { deleteVhost, dropTestDatabase, freePort, uniqueName } from '@checkout/platform/testing';
import { leftUntraced } from '@checkout/platform/tracing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import request from 'supertest';
import { seedCheckout, startOrchestrator } from '../testing/orchestrator-test-app';
import { AdmissionControl } from './admission-control';

describe('a checkout start while the orchestrator is at capacity', () => {
  const database = uniqueName('early_refusal');
  const vhost = uniqueName('early_refusal');
  // Counts every call: a refused start must not even ask the catalog about its products.
  let catalogCalls = 0;
  const catalog: Server = createServer((_req, res) => {
    catalogCalls++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ sku: 'DEMO-WIDGET' }]));
  });
  let app: INestApplication;
  let earlier: string;

  beforeAll(async () => {
    const port = await freePort();
    await new Promise<void>((resolve) => catalog.listen(port, '127.0.0.1', resolve));
    // One checkout under way fills a ceiling of one; the count stays fresh for the whole spec.
    app = await startOrchestrator(database, vhost, {
      CATALOG_URL: `http://127.0.0.1:${port}`,
      ADMISSION_MAX_ACTIVE_CHECKOUTS: '1',
      ADMISSION_MAX_FIRST_STEP_WAIT_MS: '600000',
      ADMISSION_SAMPLE_MS: '600000',
    });
    earlier = 'key-of-an-earlier-checkout';
    await request(app.getHttpServer())
      .post('/api/checkouts')
      .set('Idempotency-Key', earlier)
      .send({ items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa' })
      .expect(202);
    await seedCheckout(app, 'StockReserved');
    await app.get(AdmissionControl).admit().catch(() => undefined); // counts what is under way now
    catalogCalls = 0;
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => catalog.close(resolve));
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  });

  it('is refused with 503 and Retry-After before its body is parsed or validated', async () => {
    const response = await request(app.getHttpServer())
      .post('/api/checkouts')
      .set('content-type', 'application/json')
      .set('Idempotency-Key', randomUUID())
      .send('{ this is not JSON');
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(response.body).toMatchObject({ statusCode: 503, code: 'CHECKOUT.OVERLOADED' });
    expect(catalogCalls).toBe(0);
  });

  it('is refused before any query: not even the Idempotency-Key of an earlier checkout is looked up', async () => {
    // Read, that key would have been answered 202 with the earlier checkout.
    const response = await request(app.getHttpServer())
      .post('/api/checkouts')
      .set('Idempotency-Key', earlier)
      .send({ items: [{ sku: 'DEMO-WIDGET', qty: 1 }], paymentMethod: 'pm_card_visa' });
    expect(response.status).toBe(503);
    expect(catalogCalls).toBe(0);
  });

  it('is counted as a 503 of the start route, like any other answer', async () => {
    const metrics = (await request(app.getHttpServer()).get('/metrics')).text;
    expect(metrics).toMatch(/http_requests_total\{method="POST",route="\/api\/checkouts",status="503"[^}]*\} [1-9]/);
  });

  it('is answered in front of the app: the gate is the one request handler of the server', () => {
    expect((app.getHttpServer() as Server).listeners('request')).toHaveLength(1);
  });

  it('is left untraced, and only a refused start is', () => {
    const start = { method: 'POST', url: '/api/checkouts', headers: {} } as IncomingMessage;
    const read = { method: 'GET', url: '/api/checkouts?state=Initiated', headers: {} } as IncomingMessage;
    expect(leftUntraced(start)).toBe(true);
    expect(leftUntraced(read)).toBe(false);
  });

  it('leaves every other route alone', async () => {
    await request(app.getHttpServer()).get('/api/checkouts?state=Initiated').expect(200);
  });
});
