import { createEnvelope, StockReservationRequested } from '@checkout/contracts';
import { Inbox } from '@checkout/outbox';
import { DatabaseService } from '@checkout/platform';
import { deleteVhost, dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { startOrchestrator } from '../testing/orchestrator-test-app';

/**
 * The outbox's and inbox's own clean-up, run on the checkout retention: a message id is
 * remembered (so a twin is absorbed) for as long as a finished checkout is kept.
 */
describe('the orchestrator forgetting messages on the checkout retention', () => {
  const database = uniqueName('orchestrator_message_retention');
  const vhost = uniqueName('orchestrator_message_retention');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOrchestrator(database, vhost, { CHECKOUT_RETENTION_SECONDS: '10', RETENTION_INTERVAL_SECONDS: '1' });
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await dropTestDatabase(database);
    await deleteVhost(vhost);
  });

  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> =>
    app.get(DatabaseService).dataSource.query(text, values);
  const message = () => {
    const checkoutId = randomUUID();
    return createEnvelope(StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
  };

  it('still recognises a duplicate younger than the retention, after clean-ups have run', async () => {
    const envelope = message();
    const inbox = app.get(Inbox);
    expect(await inbox.runOnce('retention-test', envelope, async () => undefined)).toBe('handled');
    await sleep(3_000); // three clean-up intervals
    expect(await inbox.runOnce('retention-test', envelope, async () => undefined)).toBe('duplicate');
  });

  it('forgets a message id once the retention has passed', async () => {
    const envelope = message();
    await app.get(Inbox).runOnce('retention-test', envelope, async () => undefined);
    await sql(`UPDATE checkout.inbox SET received_at = now() - interval '11 seconds' WHERE message_id = $1`, [envelope.messageId]);
    await eventually(async () => (await sql('SELECT 1 FROM checkout.inbox WHERE message_id = $1', [envelope.messageId])).length === 0, 10_000, 'inbox clean-up');
  });

  it('deletes a sent outbox row once the retention has passed since it was sent', async () => {
    const [sent] = await sql<{ id: string }>(
      `INSERT INTO checkout.outbox (message_id, type, routing_key, correlation_id, envelope, created_at, sent_at)
       VALUES (gen_random_uuid(), 'Test', 'test.nowhere', gen_random_uuid(), '{}', now() - interval '1 hour', now() - interval '11 seconds')
       RETURNING id`,
    );
    await eventually(async () => (await sql('SELECT 1 FROM checkout.outbox WHERE id = $1', [sent.id])).length === 0, 10_000, 'outbox clean-up');
  });
});
