import { retentionOptions } from '@checkout/platform';
import { retentionPass, retentionSql, retentionTestEnv, retentionTotals, startRetentionTestApp, stopRetentionTestApp, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { loadPspSandboxConfig } from '../config';
import { pspDatabase } from '../database.options';
import { sandboxRetention } from './sandbox.retention';

describe('the sandbox forgetting finished sessions, delivered events and old idempotency keys', () => {
  const database = uniqueName('psp_retention');
  let app: INestApplication;

  beforeAll(async () => {
    const config = loadPspSandboxConfig(retentionTestEnv('psp_sandbox', database, 10));
    app = await startRetentionTestApp(pspDatabase(config), sandboxRetention(retentionOptions(config)));
  }, 30_000);

  afterAll(() => stopRetentionTestApp(app, database));

  const sql = retentionSql(() => app);
  const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);

  /** A session `ageSeconds` old with, optionally, an intent in `intent` state, a refund and a customer step. */
  const session = async (status: string, ageSeconds: number, intent?: string, options: { refunded?: boolean; stepDue?: boolean } = {}) => {
    const id = `cs_${randomUUID()}`;
    await sql(
      `INSERT INTO psp.checkout_sessions (id, status, payment_status, amount_total, currency, line_items, metadata, payment_intent_metadata, created_at, expires_at)
       VALUES ($1, $2, 'unpaid', 100, 'gbp', '[]', '{}', '{}', $3, $3)`,
      [id, status, ago(ageSeconds)],
    );
    if (intent) {
      await sql(
        `INSERT INTO psp.payment_intents (id, session_id, amount, currency, status, metadata, created_at) VALUES ($1, $2, 100, 'gbp', $3, '{}', $4)`,
        [`pi_${id}`, id, intent, ago(ageSeconds)],
      );
      if (options.refunded) {
        await sql(
          `INSERT INTO psp.refunds (id, payment_intent_id, amount, currency, status, metadata, created_at) VALUES ($1, $2, 100, 'gbp', 'succeeded', '{}', $3)`,
          [`re_${id}`, `pi_${id}`, ago(ageSeconds)],
        );
      }
    }
    await sql(
      `INSERT INTO psp.customer_actions (session_id, kind, webhook_copies, due_at, done_at) VALUES ($1, 'pay', 1, $2, $3)`,
      [id, ago(ageSeconds), options.stepDue ? null : ago(ageSeconds)],
    );
    return id;
  };
  const event = async (ageSeconds: number, delivered: boolean) => {
    const id = `evt_${randomUUID()}`;
    await sql(`INSERT INTO psp.events (id, type, data_object, created_at) VALUES ($1, 'checkout.session.completed', '{}', $2)`, [id, ago(ageSeconds)]);
    await sql(`INSERT INTO psp.webhook_deliveries (event_id, next_attempt_at, delivered_at) VALUES ($1, now(), $2)`, [id, delivered ? ago(ageSeconds) : null]);
    return id;
  };
  const ids = async (table: string) => (await sql<{ id: string }>(`SELECT id FROM psp.${table}`)).map((row) => row.id).sort();

  it('deletes sessions that are over and untouched for the retention, with what hangs off them, and counts the money kept', async () => {
    const kept = [
      await session('open', 600),
      await session('complete', 600, 'processing'),
      await session('complete', 600, 'succeeded', { stepDue: true }),
      await session('complete', 5, 'succeeded'),
    ];
    await session('complete', 600, 'succeeded');
    await session('complete', 600, 'succeeded', { refunded: true });
    await session('complete', 600, 'requires_payment_method');
    await session('expired', 600);

    expect(await retentionPass(app)).toBe(false);

    expect(await ids('checkout_sessions')).toEqual(kept.sort());
    expect(await ids('payment_intents')).toHaveLength(3);
    expect(await ids('refunds')).toEqual([]);
    expect((await sql('SELECT DISTINCT session_id AS id FROM psp.customer_actions')).map((row) => row.id).sort()).toEqual(kept.sort());
    expect(await retentionTotals(app, 'psp')).toEqual({
      'sessions/complete': 3,
      'sessions/expired': 1,
      'intents/kept': 1,
      'intents/refunded': 1,
      'intents/requires_payment_method': 1,
    });
  });

  it('deletes an event only once its webhook is no longer due, and idempotency keys past the retention', async () => {
    const kept = [await event(600, false), await event(5, true)];
    await event(600, true);
    await sql(`INSERT INTO psp.idempotency_keys (key, fingerprint, created_at) VALUES ('old', 'x', now() - interval '10 minutes'), ('recent', 'y', now())`);

    await retentionPass(app);

    expect(await ids('events')).toEqual(kept.sort());
    expect((await sql<{ key: string }>('SELECT key FROM psp.idempotency_keys')).map((row) => row.key)).toEqual(['recent']);
  });
});
