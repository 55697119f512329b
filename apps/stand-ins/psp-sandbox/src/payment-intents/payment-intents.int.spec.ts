import { DatabaseService } from '@checkout/platform';
import { dropTestDatabase, eventually, freePort, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import { demoSessionParams, RunningSandbox, startSandbox } from '../testing/sandbox-test-app';

const database = uniqueName('psp_intents');
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox(database, { PSP_PAY_DELAY_MS: '50', PSP_WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/webhooks/psp` });
}, 30_000);

afterAll(async () => {
  await sandbox?.app.close();
  await dropTestDatabase(database);
});

describe('retrieving a payment intent, GET /v1/payment_intents/:id, through the SDK', () => {
  it('shows a declined attempt as requires_payment_method, with its card error and our metadata', async () => {
    const checkoutId = randomUUID();
    await sandbox.stripe.checkout.sessions.create(demoSessionParams(checkoutId, 'pm_card_chargeDeclined'));
    const [{ id }] = await eventually(async () => {
      const rows: { id: string }[] = await sandbox.app.get(DatabaseService).dataSource.query(
        `SELECT id FROM psp.payment_intents WHERE metadata->>'checkoutId' = $1`,
        [checkoutId],
      );
      return rows.length > 0 && rows;
    }, 5_000, 'declined payment intent');

    const intent = await sandbox.stripe.paymentIntents.retrieve(id);

    expect(intent).toMatchObject({
      id,
      object: 'payment_intent',
      status: 'requires_payment_method',
      amount: 3999,
      metadata: { checkoutId, paymentId: `pay-${checkoutId}` },
      last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' },
    });
  });

  it('answers an unknown id with 404 resource_missing', async () => {
    await expect(sandbox.stripe.paymentIntents.retrieve('pi_nobody')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});
