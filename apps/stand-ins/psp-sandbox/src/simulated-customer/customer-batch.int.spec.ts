import { DatabaseService } from '@checkout/platform';
import { dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { randomUUID } from 'node:crypto';
import { demoSessionParams, RunningSandbox, startSandbox } from '../testing/sandbox-test-app';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { claimDueActions } from './claimed-action';
import { SANDBOX_PAYMENT_METHODS } from './simulated-customers';

const database = uniqueName('psp_batch');
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

const rows = (running: RunningSandbox, sql: string, params: unknown[]) => running.app.get(DatabaseService).dataSource.query(sql, params);

describe('many customers paying at the same moment', () => {
  it('pays each session once, with one intent and one webhook each, every action marked done', async () => {
    const running = (sandbox = await startSandbox(database, { PSP_WEBHOOK_URL: receiver.url, PSP_PAY_DELAY_MS: '300' }));
    const methods = [SANDBOX_PAYMENT_METHODS.pays, SANDBOX_PAYMENT_METHODS.declined];
    const checkoutIds = Array.from({ length: 40 }, () => randomUUID());
    const sessions = await Promise.all(
      checkoutIds.map((id, i) => running.stripe.checkout.sessions.create(demoSessionParams(id, methods[i % 2]))),
    );

    // What this asserts is once each, not how soon: the bound covers the workers' 30 s fallback pass.
    await eventually(() => checkoutIds.every((id) => receiver.for(id).length > 0), 45_000, 'a webhook per checkout');
    await sleep(300); // room for a duplicate to show up
    for (const [i, id] of checkoutIds.entries()) {
      const [webhook, ...duplicates] = receiver.for(id);
      expect(duplicates).toEqual([]);
      expect(webhook.event.type).toBe(i % 2 ? 'payment_intent.payment_failed' : 'checkout.session.completed');
    }
    const ids = sessions.map((session) => session.id);
    const intents = await rows(running, 'SELECT session_id, count(*)::int AS n FROM psp.payment_intents WHERE session_id = ANY($1) GROUP BY session_id', [ids]);
    expect(intents).toHaveLength(ids.length);
    expect(intents.every((row: { n: number }) => row.n === 1)).toBe(true);
    const [pending] = await rows(running, 'SELECT count(*)::int AS n FROM psp.customer_actions WHERE session_id = ANY($1) AND done_at IS NULL', [ids]);
    expect(pending.n).toBe(0);
    const paid = await Promise.all(sessions.filter((_, i) => i % 2 === 0).map((session) => running.stripe.checkout.sessions.retrieve(session.id)));
    expect(paid.every((session) => session.payment_status === 'paid' && session.status === 'complete')).toBe(true);
  }, 60_000);
});

describe('a delayed payment whose two steps fall due in one batch', () => {
  it('applies them in order: completed unpaid, then paid, the intent settled', async () => {
    const running = (sandbox = await startSandbox(database, { PSP_WEBHOOK_URL: receiver.url, PSP_PAY_DELAY_MS: '200', PSP_LATE_PAY_DELAY_MS: '200' }));
    const checkoutId = randomUUID();
    const session = await running.stripe.checkout.sessions.create(demoSessionParams(checkoutId, SANDBOX_PAYMENT_METHODS.paysLate));

    const webhooks = await eventually(() => receiver.for(checkoutId).length >= 2 && receiver.for(checkoutId), 8_000, 'two webhooks');
    expect(webhooks.map((w) => w.event.type).sort()).toEqual(['checkout.session.async_payment_succeeded', 'checkout.session.completed']);
    const completed = webhooks.find((w) => w.event.type === 'checkout.session.completed');
    expect(completed?.event).toMatchObject({ data: { object: { payment_status: 'unpaid' } } });
    expect(await running.stripe.checkout.sessions.retrieve(session.id)).toMatchObject({ status: 'complete', payment_status: 'paid' });
    const [intent] = await rows(running, 'SELECT status FROM psp.payment_intents WHERE session_id = $1', [session.id]);
    expect(intent.status).toBe('succeeded');
  }, 20_000);
});

describe('claiming due actions', () => {
  it('claims them with their sessions locked, in due order, one shared object per session', async () => {
    // Not due for a minute: the sandbox's own worker leaves them alone while this claims them.
    const running = (sandbox = await startSandbox(database, { PSP_WEBHOOK_URL: receiver.url, PSP_PAY_DELAY_MS: '60000', PSP_LATE_PAY_DELAY_MS: '61000' }));
    const late = await running.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), SANDBOX_PAYMENT_METHODS.paysLate));
    const paid = await running.stripe.checkout.sessions.create(demoSessionParams(randomUUID(), SANDBOX_PAYMENT_METHODS.pays));
    const dataSource = running.app.get(DatabaseService).dataSource;
    const inTwoMinutes = new Date(Date.now() + 120_000);

    await dataSource.transaction(async (tx) => {
      const claimed = (await claimDueActions(tx, inTwoMinutes, 64)).filter(({ action }) => [late.id, paid.id].includes(action.sessionId));
      expect(claimed.map(({ action, session }) => [action.sessionId, action.kind, session?.id])).toEqual([
        [late.id, expect.any(String), late.id],
        [paid.id, expect.any(String), paid.id],
        [late.id, expect.any(String), late.id],
      ]);
      // The late payment's two steps act on one object, so the second sees what the first did.
      expect(claimed[0].session).toBe(claimed[2].session);
      expect(claimed[0].session).toMatchObject({ status: 'open', paymentStatus: 'unpaid', amountTotal: 3999 });
      // Locked until this transaction ends: another transaction cannot take the session.
      const other = await dataSource.createQueryRunner();
      try {
        await other.startTransaction();
        await expect(other.query('SELECT id FROM psp.checkout_sessions WHERE id = $1 FOR UPDATE NOWAIT', [paid.id])).rejects.toMatchObject({ code: '55P03' });
      } finally {
        await other.rollbackTransaction();
        await other.release();
      }
      throw new RollbackForTest();
    }).catch((error: unknown) => {
      if (!(error instanceof RollbackForTest)) throw error;
    });
    const [due] = await rows(running, 'SELECT count(*)::int AS n FROM psp.customer_actions WHERE session_id = ANY($1) AND done_at IS NULL', [[late.id, paid.id]]);
    expect(due.n).toBe(3); // rolled back: still due
  }, 20_000);
});

class RollbackForTest extends Error {}
