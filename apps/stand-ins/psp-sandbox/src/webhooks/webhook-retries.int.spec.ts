import { DatabaseService } from '@checkout/platform';
import { dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { demoSessionParams, RunningSandbox, startSandbox, TEST_WEBHOOK_SECRET } from '../testing/sandbox-test-app';
import { ReceivedWebhook, WebhookReceiver } from '../testing/webhook-receiver';

const database = uniqueName('psp_retries');
let sandbox: RunningSandbox | undefined;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
});

afterEach(async () => {
  await sandbox?.app.close();
  sandbox = undefined;
});

afterAll(async () => {
  await receiver?.close();
  await dropTestDatabase(database);
});

/** A paid session whose webhook endpoint answers 500 `failures` times; resolves to its checkout id. */
async function paidWithFailingEndpoint(retryBaseMs: number, failures: number): Promise<{ running: RunningSandbox; checkoutId: string }> {
  const running = (sandbox = await startSandbox(database, { PSP_WEBHOOK_URL: receiver.url, PSP_PAY_DELAY_MS: '50', PSP_WEBHOOK_RETRY_BASE_MS: String(retryBaseMs) }));
  const checkoutId = randomUUID();
  receiver.failFirst(checkoutId, failures);
  await running.stripe.checkout.sessions.create(demoSessionParams(checkoutId, 'pm_card_visa'));
  return { running, checkoutId };
}

function attemptsFor(checkoutId: string, count: number, timeoutMs: number): Promise<ReceivedWebhook[]> {
  return eventually(() => receiver.for(checkoutId).length >= count && receiver.for(checkoutId), timeoutMs, `${count} attempts`);
}

const gapsBetween = (attempts: ReceivedWebhook[]) => attempts.slice(1).map((attempt, i) => attempt.receivedAt - attempts[i].receivedAt);

describe('a webhook endpoint that answers 500 twice, then 200', () => {
  it('gets the event on the third attempt, after growing gaps, every attempt validly signed', async () => {
    const { running, checkoutId } = await paidWithFailingEndpoint(200, 2);
    const attempts = await attemptsFor(checkoutId, 3, 8_000);

    expect(attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(new Set(attempts.map((a) => a.event.id)).size).toBe(1);
    const [firstGap, secondGap] = gapsBetween(attempts);
    expect(firstGap).toBeGreaterThanOrEqual(200 - 20);
    expect(secondGap).toBeGreaterThanOrEqual(400 - 20);
    expect(secondGap).toBeGreaterThan(firstGap);
    for (const attempt of attempts) {
      expect(() => running.stripe.webhooks.constructEvent(attempt.rawBody, attempt.signature, TEST_WEBHOOK_SECRET)).not.toThrow();
    }
    const metrics = (await request(running.app.getHttpServer()).get('/metrics')).text;
    expect(metrics).toContain('psp_events_created_total{type="checkout.session.completed",service="psp-sandbox"} 1');
    expect(metrics).toContain('psp_webhook_deliveries_total{outcome="retry_scheduled",service="psp-sandbox"} 2');
    expect(metrics).toContain('psp_webhook_deliveries_total{outcome="delivered",service="psp-sandbox"} 1');
  });
});

describe('a webhook endpoint that never accepts', () => {
  it('gets 10 attempts with growing gaps, after which the delivery is marked failed', async () => {
    const { running, checkoutId } = await paidWithFailingEndpoint(2, 1_000);
    const attempts = await attemptsFor(checkoutId, 10, 15_000);
    const delivery = await eventually(async () => {
      const [row] = await running.app.get(DatabaseService).dataSource.query(
        'SELECT attempts, failed_at, delivered_at, last_status FROM psp.webhook_deliveries WHERE event_id = $1',
        [attempts[0].event.id],
      );
      return row?.failed_at ? row : undefined; // null would count as an answer
    }, 5_000, 'delivery marked failed');
    await sleep(300);

    expect(receiver.for(checkoutId)).toHaveLength(10);
    expect(delivery).toMatchObject({ attempts: 10, delivered_at: null, last_status: 500 });
    // 2, 4, 8 … 512 ms: the early gaps are mostly the poll interval, the last is the doubling.
    const gaps = gapsBetween(attempts);
    expect(gaps[8]).toBeGreaterThanOrEqual(2 * 2 ** 8 - 10);
    expect(gaps[8]).toBeGreaterThan(gaps[0]);
    expect((await request(running.app.getHttpServer()).get('/metrics')).text).toContain(
      'psp_webhook_deliveries_total{outcome="failed",service="psp-sandbox"} 1',
    );
  }, 20_000);
});
