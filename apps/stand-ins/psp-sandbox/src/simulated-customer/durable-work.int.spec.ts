import { dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import { demoSessionParams, RunningSandbox, startSandbox } from '../testing/sandbox-test-app';
import { WebhookReceiver } from '../testing/webhook-receiver';

const database = uniqueName('psp_durable');
const running: RunningSandbox[] = [];
let receiver: WebhookReceiver;

async function sandbox(env: Record<string, string> = {}): Promise<RunningSandbox> {
  const started = await startSandbox(database, { PSP_WEBHOOK_URL: receiver.url, ...env });
  running.push(started);
  return started;
}

async function stop(instance: RunningSandbox): Promise<void> {
  running.splice(running.indexOf(instance), 1);
  await instance.app.close();
}

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((instance) => instance.app.close()));
});

afterAll(async () => {
  await receiver?.close();
  await dropTestDatabase(database);
});

describe('a late payment whose sandbox restarts before it is due', () => {
  it('is still made by the restarted sandbox, at its time, and its webhook delivered', async () => {
    const before = await sandbox({ PSP_LATE_PAY_DELAY_MS: '1500' });
    const checkoutId = randomUUID();
    const createdAt = Date.now();
    const session = await before.stripe.checkout.sessions.create(demoSessionParams(checkoutId, 'pm_sandbox_pays_late'));
    await stop(before); // nothing in memory survives this: the plan is a row in Postgres

    const after = await sandbox();
    const settled = () => receiver.for(checkoutId).find((w) => w.event.type === 'checkout.session.async_payment_succeeded');
    const webhook = await eventually(settled, 8_000, 'late webhook');
    expect(webhook.receivedAt - createdAt).toBeGreaterThanOrEqual(1_450);
    expect(webhook.event).toMatchObject({ data: { object: { id: session.id, payment_status: 'paid' } } });
    expect(await after.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
  }, 20_000);
});

describe('two sandboxes sharing one database', () => {
  it('carry out each customer action once and deliver each event once', async () => {
    const [a, b] = [await sandbox({ PSP_PAY_DELAY_MS: '50' }), await sandbox({ PSP_PAY_DELAY_MS: '50' })];
    const checkoutIds = Array.from({ length: 12 }, () => randomUUID());
    await Promise.all(checkoutIds.map((id, i) => (i % 2 ? a : b).stripe.checkout.sessions.create(demoSessionParams(id, 'pm_card_visa'))));

    await eventually(() => checkoutIds.every((id) => receiver.for(id).length > 0), 8_000, 'a webhook per checkout');
    await sleep(500); // room for a duplicate to show up
    const webhooks = checkoutIds.flatMap((id) => receiver.for(id));
    expect(webhooks).toHaveLength(checkoutIds.length);
    expect(new Set(webhooks.map((w) => w.event.id)).size).toBe(checkoutIds.length);
  }, 20_000);
});
