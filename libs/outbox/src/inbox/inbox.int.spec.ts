import { type MessageEnvelope, StockReservationRequested, StockReserved } from '@checkout/contracts';
import { ConfirmPublisher } from '@checkout/messaging';
import { MetricsService } from '@checkout/platform';
import { createVhost, deleteVhost, dropTestDatabase, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Outbox } from '../outbox/outbox';
import { countRows, reservationRequest, startOutboxApp, TEST_SCHEMA } from '../testing/outbox-test-app';
import { MessageController } from '@checkout/messaging';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { connectInboxTransport, InboxContext } from './inbox-transport';
import { InboxTransportModule } from './inbox-transport.module';

const failuresToCome = { count: 0 };

/** Records an effect and replies, slowly enough that concurrent duplicates really overlap. */
@MessageController()
class ReserveForTest {
  constructor(private readonly outbox: Outbox) {}

  @EventPattern(StockReservationRequested.type)
  async handle(@Payload() message: MessageEnvelope<StockReservationRequested>, @Ctx() { tx }: InboxContext): Promise<void> {
    const { checkoutId } = message.payload;
    await tx.query(`INSERT INTO ${TEST_SCHEMA}.effects (message_id, checkout_id) VALUES ($1, $2)`, [message.messageId, checkoutId]);
    await tx.query('SELECT pg_sleep(0.2)');
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

async function duplicatesAbsorbed(app: INestApplication): Promise<number> {
  const metric = await app.get(MetricsService).registry.getSingleMetric('inbox_duplicates_total')?.get();
  return (metric?.values ?? []).reduce((sum, value) => sum + value.value, 0);
}
