import { StockReservationRequested } from '@checkout/contracts';
import { DatabaseService, MetricsService } from '@checkout/platform';
import { createVhost, deleteVhost, dropTestDatabase, eventually, sleep, TEST_ADMIN_URL, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { NotInTransactionError, Outbox } from '../outbox/outbox';
import { MessageObserver } from '../testing/message-observer';
import { countRows, startOutboxApp, TEST_SCHEMA } from '../testing/outbox-test-app';

const database = uniqueName('outbox_relay');
const exchange = uniqueName('test.outbox');
// Its own virtual host: deleting it removes the exchange and queues, even after a failure.
const vhost = uniqueName('test_outbox_relay');
let amqpUrl: string;
const apps: INestApplication[] = [];
let observer: MessageObserver;

async function app(outbox: Parameters<typeof startOutboxApp>[0]['outbox'] = {}) {
  const started = await startOutboxApp({ database, exchange, amqpUrl, outbox });
  apps.push(started);
  return started;
}

/** Commits `count` messages in one transaction of `service`; returns their ids. */
async function commitMessages(service: INestApplication, count: number): Promise<string[]> {
  const outbox = service.get(Outbox);
  return service.get(DatabaseService).dataSource.transaction(async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const checkoutId = randomUUID();
      const envelope = await outbox.enqueue(tx, StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
      ids.push(envelope.messageId);
    }
    return ids;
  });
}

async function relayedCount(service: INestApplication): Promise<number> {
  const metric = await service.get(MetricsService).registry.getSingleMetric('outbox_relayed_total')?.get();
  return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
}

async function admin(sql: string) {
  const client = new Client({ connectionString: Object.assign(new URL(TEST_ADMIN_URL), { pathname: `/${database}` }).toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

describe('the outbox relay', () => {
  beforeAll(async () => {
    amqpUrl = await createVhost(vhost);
    observer = await MessageObserver.watch(amqpUrl, exchange);
  });

  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    observer.received.length = 0;
  });

  afterAll(async () => {
    try {
      await observer?.close();
    } finally {
      await deleteVhost(vhost);
      await dropTestDatabase(database);
    }
  });

  it('publishes a committed transaction’s messages even when the process died between commit and publish', async () => {
    const crashed = await app({ relay: false });
    const ids = await commitMessages(crashed, 5);
    await crashed.close(); // gone before any relay ran: the messages exist only as rows
    apps.splice(apps.indexOf(crashed), 1);
    await sleep(300);
    expect(observer.received).toEqual([]);

    await app(); // the restarted process's relay finds them
    await eventually(() => observer.received.length === 5, 10_000, 'all five published');
    expect(observer.ids().sort()).toEqual([...ids].sort());
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const service = await app();
    const before = await countRows(service, `${TEST_SCHEMA}.outbox`);
    await expect(
      service.get(DatabaseService).dataSource.transaction(async (tx) => {
        const checkoutId = randomUUID();
        await service.get(Outbox).enqueue(tx, StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
        throw new Error('business rule failed after enqueue');
      }),
    ).rejects.toThrow('business rule failed');

    await sleep(600); // three poll intervals
    expect(observer.received).toEqual([]);
    expect(await countRows(service, `${TEST_SCHEMA}.outbox`)).toBe(before);
  });

  it('refuses to enqueue outside a transaction, so no message can escape its business change', async () => {
    const service = await app({ relay: false });
    const checkoutId = randomUUID();
    await expect(
      service.get(Outbox).enqueue(service.get(DatabaseService).dataSource.manager, StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId }),
    ).rejects.toThrow(NotInTransactionError);
  });

  it('wakes on NOTIFY: a message goes out long before the next poll', async () => {
    const service = await app({ pollIntervalMs: 60_000 });
    await sleep(300); // let the listener connect and the start-up pass finish
    const committedAt = Date.now();
    const [id] = await commitMessages(service, 1);
    const seen = await eventually(() => observer.received.find((m) => m.messageId === id), 5_000, 'published');
    expect(seen.at - committedAt).toBeLessThan(1_000);
  });

  it('still publishes, by polling, when a notification is lost', async () => {
    const service = await app({ pollIntervalMs: 300 });
    await admin(`ALTER TABLE ${TEST_SCHEMA}.outbox DISABLE TRIGGER outbox_notify`);
    try {
      const [id] = await commitMessages(service, 1);
      await eventually(() => observer.received.find((m) => m.messageId === id), 5_000, 'published by the poll');
    } finally {
      await admin(`ALTER TABLE ${TEST_SCHEMA}.outbox ENABLE TRIGGER outbox_notify`);
    }
  });

  it('publishes at once a row committed after rows with later ids were sent (ids are handed out at insert, seen at commit)', async () => {
    const service = await app({ pollIntervalMs: 60_000 });
    await sleep(300); // the start-up pass (a full scan) is over: only notifications wake the relay now
    const outbox = service.get(Outbox);
    const runner = service.get(DatabaseService).dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      const checkoutId = randomUUID();
      const late = await outbox.enqueue(runner.manager, StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
      const [early] = await commitMessages(service, 3); // later ids, committed first and sent
      await eventually(() => observer.received.some((m) => m.messageId === early), 5_000, 'the later rows published');
      const committedAt = Date.now();
      await runner.commitTransaction();
      const seen = await eventually(() => observer.received.find((m) => m.messageId === late.messageId), 5_000, 'the earlier id published');
      expect(seen.at - committedAt).toBeLessThan(1_000);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('publishes a pending row below the rows already sent that nobody announced, at the next full scan', async () => {
    const service = await app({ pollIntervalMs: 500 });
    const [first] = await commitMessages(service, 1);
    const later = await commitMessages(service, 5);
    await eventually(() => later.every((id) => observer.ids().includes(id)), 5_000, 'all six published');
    // What a relay that died mid-pass leaves behind: a row pending again, with no notification.
    await admin(`UPDATE ${TEST_SCHEMA}.outbox SET sent_at = NULL WHERE message_id = '${first}'`);
    await eventually(() => observer.ids().filter((id) => id === first).length === 2, 5_000, 'the row published again');
  });

  it('with two relays running at once, publishes every message, each once', async () => {
    const first = await app({ batchSize: 20 });
    const second = await app({ batchSize: 20 });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(...(await commitMessages(first, 20)));

    await eventually(() => observer.received.length >= ids.length, 20_000, 'all 500 published');
    await sleep(500); // room for a duplicate to show up, if there were one
    expect(observer.received).toHaveLength(500);
    expect(new Set(observer.ids())).toEqual(new Set(ids));
    expect(await countRows(first, `${TEST_SCHEMA}.outbox WHERE sent_at IS NULL`)).toBe(0);
    // Each relay's own count of confirmed publishes: together exactly one per message.
    const relayed = await Promise.all([first, second].map(relayedCount));
    expect(relayed[0] + relayed[1]).toBe(500);
  });

  it('deletes sent rows once their retention has passed', async () => {
    const service = await app({ sentRetentionMs: 1, cleanupIntervalMs: 200 });
    const [id] = await commitMessages(service, 1);
    await eventually(() => observer.received.find((m) => m.messageId === id), 5_000, 'published');
    await eventually(async () => (await countRows(service, `${TEST_SCHEMA}.outbox`)) === 0, 5_000, 'clean-up');
  });
});
