import { StockReservationRequested } from '@checkout/contracts';
import { createVhost, deleteVhost, eventually, sleep, uniqueName } from '@checkout/platform/testing';
import { INestApplication } from '@nestjs/common';
import amqplib from 'amqplib';
import { ConfirmPublisher } from '../publishing/confirm-publisher';
import { reservationRequest, startMessagingApp } from '../testing/messaging-test-app';
import { ConsumerRegistry } from './consumer-registry';
import type { ReceivedMessage } from './received-message';

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
    await app.get(ConsumerRegistry).consume(queue, {
      messages: [StockReservationRequested],
      handle: async (batch: readonly ReceivedMessage[]) => {
        const ids = batch.map((each) => each.envelope.messageId);
        started.push(...ids);
        await sleep(HANDLING_MS); // a batch's transaction that takes a while to commit
        committed.push(...ids);
      },
    });
    const publisher = app.get(ConfirmPublisher);
    for (let i = 0; i < MESSAGES; i++) await publisher.publish(StockReservationRequested.routingKey, reservationRequest());
    await eventually(() => started.length > 0, 5000, 'a batch in flight');
    await sleep(50); // the rest of the prefetch delivered, waiting for the next batch
    await app.get(ConsumerRegistry).beforeApplicationShutdown();
  });

  afterAll(async () => {
    try {
      await app?.close();
    } finally {
      await deleteVhost(vhost);
    }
  });

  it('lets the batch in flight, and the deliveries waiting for the next, commit before the channel closes', () => {
    expect(committed).toEqual(started);
    // At most the prefetch was ever delivered and not acked: nothing beyond it was taken.
    expect(committed.length).toBeGreaterThan(1);
    expect(committed.length).toBeLessThanOrEqual(PREFETCH + 1);
  });

  it('takes no new message once the drain began', async () => {
    const before = started.length;
    await sleep(HANDLING_MS);
    expect(started).toHaveLength(before);
  });

  it('acked what it handled and left the rest in the queue for another replica', async () => {
    expect(await queueDepth(amqpUrl, queue)).toBe(MESSAGES - committed.length);
  });
});
