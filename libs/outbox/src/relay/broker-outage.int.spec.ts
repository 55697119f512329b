import { type MessageEnvelope, StockReservationRequested } from '@checkout/contracts';
import { DatabaseService } from '@checkout/platform';
import { createVhost, deleteVhost, dropTestDatabase, eventually, freePort, sleep, TcpProxy, TEST_AMQP_URL, uniqueName } from '@checkout/platform/testing';
import { MessageController } from '@checkout/messaging';
import { INestApplication } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { connectInboxTransport, InboxContext } from '../inbox/inbox-transport';
import { InboxTransportModule } from '../inbox/inbox-transport.module';
import { Outbox } from '../outbox/outbox';
import { countRows, startOutboxApp, TEST_SCHEMA } from '../testing/outbox-test-app';

@MessageController()
class RecordEffect {
  @EventPattern(StockReservationRequested.type)
  async handle(@Payload() message: MessageEnvelope<StockReservationRequested>, @Ctx() { tx }: InboxContext): Promise<void> {
    await tx.query(`INSERT INTO ${TEST_SCHEMA}.effects (message_id, checkout_id) VALUES ($1, $2)`, [
      message.messageId,
      message.payload.checkoutId,
    ]);
  }
}

describe('a service whose connection to RabbitMQ is cut mid-stream', () => {
  const database = uniqueName('outage');
  // Its own virtual host, reached through the proxy: deleting it removes everything declared.
  const vhost = uniqueName('test_outage');
  let proxy: TcpProxy;
  let app: INestApplication;

  beforeAll(async () => {
    proxy = await TcpProxy.start(await freePort(), Number(new URL(TEST_AMQP_URL).port || 5672));
    const amqpUrl = new URL(await createVhost(vhost));
    amqpUrl.port = String(proxy.port);
    app = await startOutboxApp({
      database,
      exchange: uniqueName('test.outage'),
      amqpUrl: amqpUrl.toString(),
      imports: [InboxTransportModule.register({ queue: uniqueName('outage-test'), controllers: [RecordEffect] })],
    });
    await (await connectInboxTransport(app)).started;
  });

  afterAll(async () => {
    try {
      await proxy?.restore();
      await app?.close();
      await proxy?.cut();
    } finally {
      await deleteVhost(vhost);
      await dropTestDatabase(database);
    }
  });

  async function commit(count: number): Promise<string[]> {
    const outbox = app.get(Outbox);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      await app.get(DatabaseService).dataSource.transaction(async (tx) => {
        const checkoutId = randomUUID();
        const envelope = await outbox.enqueue(tx, StockReservationRequested, { checkoutId, items: [{ sku: 'DEMO-WIDGET', qty: 1 }] }, { correlationId: checkoutId });
        ids.push(envelope.messageId);
      });
    }
    return ids;
  }

  it('delivers every message committed before, during and after the outage, each with one effect', async () => {
    const before = await commit(50);
    await proxy.cut();
    const during = await commit(50);
    await sleep(1500);
    await proxy.restore();
    const after = await commit(50);

    const all = [...before, ...during, ...after];
    await eventually(async () => (await countRows(app, `${TEST_SCHEMA}.effects`)) >= all.length, 30_000, 'all effects');
    await sleep(300);
    const rows: { message_id: string }[] = await app.get(DatabaseService).dataSource.query(`SELECT message_id FROM ${TEST_SCHEMA}.effects`);
    expect(rows).toHaveLength(all.length);
    expect(new Set(rows.map((row) => row.message_id))).toEqual(new Set(all));
    expect(await countRows(app, `${TEST_SCHEMA}.outbox WHERE sent_at IS NULL`)).toBe(0);
  });
});
