import { type MessageEnvelope, StockReservationRequested } from '@checkout/contracts';
import { createVhost, deleteVhost, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import amqplib from 'amqplib';
import { ConfirmPublisher } from '../publishing/confirm-publisher';
import { reservationRequest, startMessagingApp } from '../testing/messaging-test-app';
import { ConsumerRegistry } from './consumer-registry';

const PREFETCH = 4;
const MESSAGES = 10;
const HANDLING_MS = 400;

async function queueDepth(amqpUrl: string, queue: string): Promise<number> {
  const connection = await amqplib.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    return (await channel.checkQueue(queue)).messageCount;
  } finally {
    await connection.close();
  }
}

describe('a consumer drained while its handlers are busy (SIGTERM)', () => {
  // Its own virtual host: deleting it removes every queue and exchange, even after a failure.
  const vhost = uniqueName('test_drain');
  let amqpUrl: string;
  let app: INestApplication;
  let queue: string;
  const started: string[] = [];
  const committed: string[] = [];

  beforeAll(async () => {
    amqpUrl = await createVhost(vhost);
    app = await startMessagingApp(amqpUrl, { prefetch: PREFETCH });
    queue = uniqueName('test-drain');
    await app.get(ConsumerRegistry).consume(queue, [
      {
        message: StockReservationRequested,
        handler: async (envelope: MessageEnvelope) => {
          started.push(envelope.messageId);
          await sleep(HANDLING_MS); // a transaction that takes a while to commit
          committed.push(envelope.messageId);
        },
      },
    ]);
    const publisher = app.get(ConfirmPublisher);
    for (let i = 0; i < MESSAGES; i++) await publisher.publish(StockReservationRequested.routingKey, reservationRequest());
    await eventually(() => started.length === PREFETCH, 5000, 'a full prefetch in flight');
    await app.get(ConsumerRegistry).beforeApplicationShutdown();
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await deleteVhost(vhost);
    }
  });

  it('lets every handler in flight finish before the channel closes', () => {
    expect(committed).toHaveLength(PREFETCH);
    expect(new Set(committed)).toEqual(new Set(started.slice(0, PREFETCH)));
  });

  it('takes no new message once the drain began', async () => {
    await sleep(HANDLING_MS);
    expect(started).toHaveLength(PREFETCH);
  });

  it('acked what it handled and left the rest in the queue for another replica', async () => {
    expect(await queueDepth(amqpUrl, queue)).toBe(MESSAGES - PREFETCH);
  });
});
