import { dropTestDatabase, freePort, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import request from 'supertest';
import { countRows, demoSessionParams, RunningSandbox, startSandbox, stripeClient } from '../testing/sandbox-test-app';

const database = uniqueName('psp_api');
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox(database, { PSP_WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/webhooks/psp` });
}, 30_000);

afterAll(async () => {
  await sandbox?.app.close();
  await dropTestDatabase(database);
});

const countSessions = () => countRows(sandbox, 'psp.checkout_sessions');

describe('requests the sandbox refuses', () => {
  it('raises StripeAuthenticationError for a wrong API key', async () => {
    const wrongKey = stripeClient(sandbox.port, 'sk_test_not_the_sandbox_key_1234');
    const attempt = wrongKey.checkout.sessions.create(demoSessionParams(randomUUID(), undefined));
    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 401, raw: { type: 'authentication_error' } });
  });

  it('answers 401 in Stripe format when no API key is sent at all', async () => {
    const response = await request(sandbox.app.getHttpServer()).get('/v1/checkout/sessions/cs_test_x');
    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ type: 'authentication_error' });
  });

  it('raises StripeInvalidRequestError naming the invalid parameter, and stores nothing', async () => {
    const before = await countSessions();
    const params = demoSessionParams(randomUUID(), undefined);
    params.line_items = [{ quantity: 0, price_data: { currency: 'gbp', unit_amount: 3999, product_data: { name: 'Widget' } } }];
    const attempt = sandbox.stripe.checkout.sessions.create(params);

    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 400, param: 'line_items[0][quantity]' });
    expect(await countSessions()).toBe(before);
  });

  it('names a missing required parameter', async () => {
    const attempt = sandbox.stripe.checkout.sessions.create({ mode: 'payment', success_url: 'http://127.0.0.1/ok' });
    await expect(attempt).rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'line_items' });
  });

  it('answers an unknown session id with 404 resource_missing', async () => {
    const attempt = sandbox.stripe.checkout.sessions.retrieve('cs_test_doesnotexist');
    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('answers a body it cannot read with a 4xx in Stripe format', async () => {
    const auth = { Authorization: `Bearer ${sandbox.config.PSP_API_KEY}` };
    const tooLarge = await request(sandbox.app.getHttpServer()).post('/v1/checkout/sessions').set(auth).type('form').send(`metadata[x]=${'a'.repeat(200_000)}`);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toMatchObject({ type: 'invalid_request_error' });
    const brokenJson = await request(sandbox.app.getHttpServer()).post('/v1/refunds').set(auth).type('json').send('{nope');
    expect(brokenJson.status).toBe(400);
    expect(brokenJson.body.error).toMatchObject({ type: 'invalid_request_error' });
  });

  it('answers an endpoint it does not implement as Stripe answers an unknown URL', async () => {
    const attempt = sandbox.stripe.customers.create({ email: 'visitor@example.com' });
    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 404, message: expect.stringMatching(/Unrecognized request URL \(POST: \/v1\/customers\)/) });
  });
});

describe('the /metrics of the sandbox', () => {
  it('counts created sessions on /metrics', async () => {
    await sandbox.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), undefined));
    const metrics = await request(sandbox.app.getHttpServer()).get('/metrics');
    expect(metrics.text).toMatch(/psp_checkout_sessions_created_total\{service="psp-sandbox"\} [1-9]\d*/);
  });
});
