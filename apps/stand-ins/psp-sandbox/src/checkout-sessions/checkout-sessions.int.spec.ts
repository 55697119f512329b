import { dropTestDatabase, freePort, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import request from 'supertest';
import { SANDBOX_PAYMENT_METHODS } from '@checkout/contracts';
import { DatabaseService } from '@checkout/platform';
import { customerBehaviour } from '../simulated-customer/simulated-customers';
import { countRows, demoSessionParams, RunningSandbox, startSandbox } from '../testing/sandbox-test-app';

const database = uniqueName('psp_sessions');
let sandbox: RunningSandbox;

beforeAll(async () => {
  // Nobody listens at the webhook URL: these scenarios are about the API, not delivery.
  sandbox = await startSandbox(database, { PSP_WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/webhooks/psp` });
}, 30_000);

afterAll(async () => {
  await sandbox?.app.close();
  await dropTestDatabase(database);
});

const countSessions = () => countRows(sandbox, 'psp.checkout_sessions');

describe('a checkout session created with the official stripe SDK', () => {
  it('comes back Stripe-shaped: open, unpaid, totalling its line items, with a pay URL', async () => {
    const checkoutId = randomUUID();
    const params = demoSessionParams(checkoutId, 'pm_sandbox_never_pays');
    params.line_items = [
      { quantity: 2, price_data: { currency: 'GBP', unit_amount: 3999, product_data: { name: 'Demo Widget' } } },
      { quantity: 1, price_data: { currency: 'gbp', unit_amount: 500, product_data: { name: 'Gift wrap' } } },
    ];
    const session = await sandbox.stripe.checkout.sessions.create(params);

    expect(session).toMatchObject({
      object: 'checkout.session',
      amount_total: 2 * 3999 + 500,
      currency: 'gbp',
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      client_reference_id: checkoutId,
      metadata: { checkoutId, payment_method: 'pm_sandbox_never_pays' },
      url: `http://127.0.0.1:${sandbox.port}/pay/${session.id}`,
      livemode: false,
      mode: 'payment',
    });
    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]{24}$/);
    expect(session.expires_at - session.created).toBe(24 * 3600);
  });

  it('is retrieved by id with the same fields', async () => {
    const created = await sandbox.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), undefined));
    const retrieved = await sandbox.stripe.checkout.sessions.retrieve(created.id);
    expect(retrieved).toEqual(created);
  });

  it('keeps a requested expiry between 30 minutes and 24 hours', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const session = await sandbox.stripe.checkout.sessions.create({ ...demoSessionParams(randomUUID(), undefined), expires_at: expiresAt });
    expect(session.expires_at).toBe(expiresAt);
  });
});

describe('a session create repeated with the same Idempotency-Key', () => {
  it('returns the stored session and creates nothing new', async () => {
    const params = demoSessionParams(randomUUID(), 'pm_sandbox_never_pays');
    const idempotencyKey = randomUUID();
    const first = await sandbox.stripe.checkout.sessions.create(params, { idempotencyKey });
    const before = await countSessions();
    const replay = await sandbox.stripe.checkout.sessions.create(params, { idempotencyKey });

    expect(replay).toEqual(first);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(await countSessions()).toBe(before);
  });

  it('is refused with an idempotency_error when the parameters differ', async () => {
    const idempotencyKey = randomUUID();
    await sandbox.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), undefined), { idempotencyKey });
    const other = sandbox.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), undefined), { idempotencyKey });

    await expect(other).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(other).rejects.toMatchObject({ statusCode: 400, type: 'StripeIdempotencyError' });
  });

  it('is refused with an idempotency_error when the parameters differ and are not even valid', async () => {
    const idempotencyKey = randomUUID();
    await sandbox.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), undefined), { idempotencyKey });
    const invalid = { ...demoSessionParams(randomUUID(), undefined), line_items: [] };

    await expect(sandbox.stripe.checkout.sessions.create(invalid, { idempotencyKey })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(sandbox.stripe.checkout.sessions.create(invalid)).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("plans a paying customer's steps once, with the session, and not again on a replay", async () => {
    const params = demoSessionParams(randomUUID(), SANDBOX_PAYMENT_METHODS.paysLate);
    const idempotencyKey = randomUUID();
    const [first, twin] = await Promise.all([
      sandbox.stripe.checkout.sessions.create(params, { idempotencyKey }),
      sandbox.stripe.checkout.sessions.create(params, { idempotencyKey }),
    ]);
    await sandbox.stripe.checkout.sessions.create(params, { idempotencyKey });

    expect(twin.id).toBe(first.id);
    const planned = await sandbox.app
      .get(DatabaseService)
      .dataSource.query('SELECT kind FROM psp.customer_actions WHERE session_id = $1 ORDER BY due_at, id', [first.id]);
    expect(planned.map((row: { kind: string }) => row.kind)).toEqual(customerBehaviour(SANDBOX_PAYMENT_METHODS.paysLate)?.steps.map((step) => step.action));
  });

  it('creates exactly one session when both requests arrive at once', async () => {
    const params = demoSessionParams(randomUUID(), undefined);
    const idempotencyKey = randomUUID();
    const before = await countSessions();
    const [a, b] = await Promise.all([
      sandbox.stripe.checkout.sessions.create(params, { idempotencyKey }),
      sandbox.stripe.checkout.sessions.create(params, { idempotencyKey }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await countSessions()).toBe(before + 1);
  });
});

describe('the page at a session’s URL', () => {
  it('serves a pay page at the session URL', async () => {
    const session = await sandbox.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), 'pm_card_visa'));
    const page = await request(sandbox.app.getHttpServer()).get(new URL(session.url ?? '').pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('£39.99');
  });
});
