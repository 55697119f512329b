import { type MessageEnvelope, StockReservationRequested, StockReserved } from '@checkout/contracts';
import { ConfirmPublisher } from '@checkout/messaging';
import { MetricsService } from '@checkout/platform';
import { createVhost, deleteVhost, dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Outbox } from '../outbox/outbox';
import { countRows, reservationRequest, startOutboxApp, TEST_SCHEMA } from '../testing/outbox-test-app';
import { DeadLetterService, MessageController } from '@checkout/messaging';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Inbox } from './inbox';
import { connectInboxTransport, InboxContext } from './inbox-transport';
import { InboxTransportModule } from './inbox-transport.module';

const failuresToCome = { count: 0 };
/** Checkouts whose reservation request breaks the handler every time: poison messages. */
const poisoned = new Set<string>();

/** Records an effect and replies, slowly enough that concurrent duplicates really overlap. */
@MessageController()
class ReserveForTest {
  constructor(private readonly outbox: Outbox) {}

  @EventPattern(StockReservationRequested.type)
  async handle(@Payload() message: MessageEnvelope<StockReservationRequested>, @Ctx() { tx }: InboxContext): Promise<void> {
    const { checkoutId } = message.payload;
    await tx.query(`INSERT INTO ${TEST_SCHEMA}.effects (message_id, checkout_id) VALUES ($1, $2)`, [message.messageId, checkoutId]);
    await tx.query('SELECT pg_sleep(0.2)');
    if (poisoned.has(checkoutId)) throw new Error('this request always breaks its handler');
    if (failuresToCome.count > 0) {
      failuresToCome.count--;
      throw new Error('transient failure after the effect was written');
    }
    await this.outbox.enqueue(tx, StockReserved, {
      checkoutId,
      reservationId: randomUUID(),
      lines: [{ sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 1, unitAmount: 3999 }],
      amount: 3999,
      currency: 'GBP',
    }, { correlationId: checkoutId, causedBy: message });
  }
}

describe('a consumer behind the inbox', () => {
  const database = uniqueName('inbox');
  const queue = uniqueName('inbox-test');
  // Its own virtual host: deleting it removes the queue and exchange, even after a failure.
  const vhost = uniqueName('test_inbox');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOutboxApp({
      database,
      amqpUrl: await createVhost(vhost),
      exchange: uniqueName('test.inbox'),
      imports: [InboxTransportModule.register({ queue, controllers: [ReserveForTest] })],
    });
    await (await connectInboxTransport(app)).started;
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await deleteVhost(vhost);
      await dropTestDatabase(database);
    }
  });

  const effectsOf = (message: MessageEnvelope) => countRows(app, `${TEST_SCHEMA}.effects WHERE message_id = '${message.messageId}'`);
  const repliesTo = (message: MessageEnvelope) =>
    countRows(app, `${TEST_SCHEMA}.outbox WHERE envelope->>'causationId' = '${message.messageId}'`);
  const publish = (message: MessageEnvelope) => app.get(ConfirmPublisher).publish(StockReservationRequested.routingKey, message);

  it('gives a message delivered three times, two of them at once, exactly one effect and one reply', async () => {
    const message = reservationRequest();
    await Promise.all([publish(message), publish(message)]);
    await publish(message);

    await eventually(async () => (await duplicatesAbsorbed(app)) >= 2, 10_000, 'both duplicates absorbed');
    await sleep(300);
    expect(await effectsOf(message)).toBe(1);
    expect(await repliesTo(message)).toBe(1);
    expect(await countRows(app, `${TEST_SCHEMA}.inbox WHERE message_id = '${message.messageId}'`)).toBe(1);
  });

  it('rolls the inbox record back with a failed handler, so the retry runs it and keeps one effect', async () => {
    failuresToCome.count = 1;
    const message = reservationRequest();
    await publish(message);

    await eventually(async () => (await repliesTo(message)) === 1, 10_000, 'handled on retry');
    expect(await effectsOf(message)).toBe(1);
    expect(failuresToCome.count).toBe(0);
  });
});

describe('a batch in the inbox', () => {
  const database = uniqueName('inbox_batch');
  const vhost = uniqueName('test_inbox_batch');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOutboxApp({ database, amqpUrl: await createVhost(vhost), exchange: uniqueName('test.inbox'), outbox: { relay: false } });
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await deleteVhost(vhost);
      await dropTestDatabase(database);
    }
  });

  it('handles a message that appears twice in one batch, or was handled before, once: its duplicates are known from the insert', async () => {
    const inbox = app.get(Inbox);
    const [seen, twice, once] = [reservationRequest(), reservationRequest(), reservationRequest()];
    await inbox.runOnce('test-consumer', seen, async () => undefined);
    const before = await duplicatesAbsorbed(app);

    const handled: string[] = [];
    const fresh = await inbox.runBatch('test-consumer', [twice, seen, once, { ...twice }], (e) => e, async (_, messages) => {
      handled.push(...messages.map((m) => m.messageId));
    });

    expect(fresh.map((m) => m.messageId)).toEqual([twice.messageId, once.messageId]);
    expect(handled).toEqual([twice.messageId, once.messageId]);
    expect(await duplicatesAbsorbed(app)).toBe(before + 2);
    expect(await countRows(app, `${TEST_SCHEMA}.inbox WHERE message_id = '${twice.messageId}'`)).toBe(1);
  });

  it('writes the messages a batch enqueues in one statement with its commit, and none when it rolls back', async () => {
    const inbox = app.get(Inbox);
    const outbox = app.get(Outbox);
    const reply = (tx: Parameters<Outbox['enqueue']>[0], cause: MessageEnvelope) =>
      outbox.enqueue(tx, StockReserved, {
        checkoutId: cause.correlationId,
        reservationId: randomUUID(),
        lines: [{ sku: 'DEMO-WIDGET', name: 'Demo Widget', qty: 1, unitAmount: 3999 }],
        amount: 3999,
        currency: 'GBP',
      }, { correlationId: cause.correlationId, causedBy: cause });
    const [first, second] = [reservationRequest(), reservationRequest()];
    const replies = (m: MessageEnvelope) => countRows(app, `${TEST_SCHEMA}.outbox WHERE envelope->>'causationId' = '${m.messageId}'`);

    const failing = inbox.runBatch('test-consumer', [first, second], (e) => e, async (tx, messages) => {
      for (const message of messages) await reply(tx, message);
      throw new Error('the batch fails after its effects');
    });
    await expect(failing).rejects.toThrow('the batch fails after its effects');
    expect([await replies(first), await replies(second)]).toEqual([0, 0]);
    expect(await countRows(app, `${TEST_SCHEMA}.inbox WHERE message_id IN ('${first.messageId}', '${second.messageId}')`)).toBe(0);

    await inbox.runBatch('test-consumer', [first, second], (e) => e, async (tx, messages) => {
      for (const message of messages) await reply(tx, message);
    });
    expect([await replies(first), await replies(second)]).toEqual([1, 1]);
  });
});

describe('a batch holding a poison message, through the inbox transport', () => {
  const database = uniqueName('inbox_poison');
  const queue = uniqueName('inbox-poison');
  const vhost = uniqueName('test_inbox_poison');
  let app: INestApplication;

  beforeAll(async () => {
    app = await startOutboxApp({
      database,
      amqpUrl: await createVhost(vhost),
      exchange: uniqueName('test.inbox'),
      imports: [InboxTransportModule.register({ queue, controllers: [ReserveForTest] })],
    });
    await (await connectInboxTransport(app)).started;
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await deleteVhost(vhost);
      await dropTestDatabase(database);
    }
  });

  it('commits the others once each, and sends the poison one alone through its retries to the dead-letter queue', async () => {
    const publish = (message: MessageEnvelope) => app.get(ConfirmPublisher).publish(StockReservationRequested.routingKey, message);
    const effects = (message: MessageEnvelope) => countRows(app, `${TEST_SCHEMA}.effects WHERE message_id = '${message.messageId}'`);
    const poison = reservationRequest();
    poisoned.add(poison.correlationId);
    const good = Array.from({ length: 4 }, () => reservationRequest());
    const inbox = app.get(Inbox);
    const batches: string[][] = [];
    const runBatch = inbox.runBatch.bind(inbox);
    jest.spyOn(inbox, 'runBatch').mockImplementation((consumer, items, envelopeOf, work) => {
      batches.push(items.map((item) => envelopeOf(item).messageId));
      return runBatch(consumer, items, envelopeOf, work);
    });

    // The first message's batch takes 0.2 s to commit: the others arrive meanwhile, as one batch.
    await publish(reservationRequest());
    await sleep(50);
    for (const message of [good[0], good[1], poison, good[2], good[3]]) await publish(message);

    const letters = await eventually(async () => {
      const found = (await app.get(DeadLetterService).list()).filter((letter) => letter.messageId === poison.messageId);
      return found.length > 0 && found;
    }, 15_000, 'the poison message dead-lettered');
    expect(letters[0]).toMatchObject({ queue, attempts: 3, reason: 'Error: this request always breaks its handler' });
    for (const message of good) expect(await effects(message)).toBe(1);
    expect(await effects(poison)).toBe(0);
    expect(await countRows(app, `${TEST_SCHEMA}.inbox WHERE message_id = '${poison.messageId}'`)).toBe(0);
    // It was in one batch with the others: that transaction failed, and each was then handled alone.
    expect(batches[1]).toEqual([good[0], good[1], poison, good[2], good[3]].map((m) => m.messageId));
    expect(batches.slice(2, 7)).toEqual([good[0], good[1], poison, good[2], good[3]].map((m) => [m.messageId]));
  });
});

async function duplicatesAbsorbed(app: INestApplication): Promise<number> {
  const metric = await app.get(MetricsService).registry.getSingleMetric('inbox_duplicates_total')?.get();
  return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
}
