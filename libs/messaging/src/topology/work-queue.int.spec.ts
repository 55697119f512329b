import { eventually, TEST_AMQP_URL, uniqueName } from '@checkout/platform/testing';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { declareConsumerTopology } from './declare-topology';
import { deadLetterQueueName } from './queue-names';
import { DELIVERY_LIMIT, declareWorkQueue, quorumQueueArguments } from './work-queue';

describe('the work queues on a real RabbitMQ', () => {
  let connection: ChannelModel;
  let channel: Channel;
  let queue: string;
  const openChannel = () => connection.createChannel();

  beforeEach(async () => {
    connection = await amqplib.connect(TEST_AMQP_URL);
    channel = await connection.createChannel();
    queue = uniqueName('test-work');
  });

  afterEach(async () => {
    const cleanup = await connection.createChannel();
    await cleanup.deleteQueue(queue);
    await cleanup.deleteQueue(deadLetterQueueName(queue));
    await connection.close();
  });

  describe('a message that takes its consumer down every time it is delivered', () => {
    it('is moved to the dead-letter queue by the broker once it passed the delivery limit', async () => {
      await declareConsumerTopology(channel, { exchange: 'amq.topic', queue, routingKeys: [], retryDelaysMs: [], openChannel });
      channel.sendToQueue(queue, Buffer.from('{"poison":true}'), { persistent: true });

      let deliveries = 0;
      for (let round = 0; round < DELIVERY_LIMIT + 5; round++) {
        if ((await channel.checkQueue(deadLetterQueueName(queue))).messageCount === 1) break;
        // A consumer that dies holding the message: its channel closes without an ack.
        const doomed = await connection.createChannel();
        const received = await new Promise<boolean>((resolve) => {
          void doomed.consume(queue, () => resolve(true));
          setTimeout(() => resolve(false), 1000);
        });
        if (received) deliveries++;
        await doomed.close();
      }

      await eventually(async () => (await channel.checkQueue(deadLetterQueueName(queue))).messageCount === 1, 5000, 'dead letter');
      expect(deliveries).toBe(DELIVERY_LIMIT + 1);
      expect((await channel.checkQueue(queue)).messageCount).toBe(0);
    });
  });

  describe('a broker that still holds the classic queue of an earlier version', () => {
    it('replaces it by a quorum queue when it is empty', async () => {
      await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'classic' } });
      expect(await declareWorkQueue(channel, queue, openChannel)).toBe('quorum');
      // Declaring it again with the quorum arguments succeeds only if it is a quorum queue now.
      await channel.assertQueue(queue, { durable: true, arguments: quorumQueueArguments(queue) });
    });

    it('keeps it, messages and all, while it still holds messages', async () => {
      await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'classic' } });
      channel.sendToQueue(queue, Buffer.from('{}'), { persistent: true });
      await eventually(async () => (await channel.checkQueue(queue)).messageCount === 1, 2000, 'message queued');

      expect(await declareWorkQueue(channel, queue, openChannel)).toBe('classic');
      expect((await channel.checkQueue(queue)).messageCount).toBe(1);
    });
  });
});
