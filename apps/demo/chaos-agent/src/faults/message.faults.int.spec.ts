import { declareConsumerTopology } from '@checkout/messaging';
import { createVhost, deleteVhost, uniqueName } from '@checkout/platform/testing';
import amqplib, { type ChannelModel } from 'amqplib';
import { poisonMessage } from './message.faults';

describe('the poison-message fault on a real RabbitMQ', () => {
  // Its own virtual host: deleting it removes every queue the test declared, even after a failure.
  const vhost = uniqueName('test_poison');
  let amqpUrl: string;
  let connection: ChannelModel;

  beforeAll(async () => {
    amqpUrl = await createVhost(vhost);
    connection = await amqplib.connect(amqpUrl);
  });

  afterAll(async () => {
    try {
      await connection?.close();
    } finally {
      await deleteVhost(vhost);
    }
  });

  it("lands in a service's work queue, declared as the services declare it (quorum), by the time it is reported injected", async () => {
    const queue = uniqueName('test-service');
    const channel = await connection.createChannel();
    await declareConsumerTopology(channel, {
      exchange: 'amq.topic',
      queue,
      routingKeys: [],
      retryDelaysMs: [],
      openChannel: () => connection.createChannel(),
    });

    const evidence = await poisonMessage(amqpUrl).inject(queue);

    // No consumer on the queue: the message waits there, exactly as the agent sent it.
    const message = await channel.get(queue);
    expect(message && { messageId: message.properties.messageId, type: message.properties.type }).toEqual({
      messageId: evidence.poisonMessageId,
      type: 'ChaosPoison',
    });
    expect(() => JSON.parse(message ? message.content.toString('utf8') : '')).toThrow(SyntaxError);
  });

  it('fails, rather than reports a message nobody will ever see, for a queue that does not exist', async () => {
    await expect(poisonMessage(amqpUrl).inject(uniqueName('no-such-queue'))).rejects.toMatchObject({ code: 404 });
  });
});
