import { deadLetterQueueName } from '@checkout/messaging';
import { SERVICE_QUEUES } from '@checkout/invariants';
import { connect, type ChannelModel } from 'amqplib';

/**
 * Depth of each service's work queue and dead-letter queue, read with passive declares on one
 * long-lived connection (the agent connects to RabbitMQ directly, not through the fault proxy,
 * so a broker outage it injects does not blind it).
 */
export class QueueDepths {
  private connection?: Promise<ChannelModel>;

  constructor(private readonly amqpUrl: string) {}

  async read(): Promise<{ queues: Record<string, number>; deadLetters: Record<string, number> }> {
    const queues: Record<string, number> = {};
    const deadLetters: Record<string, number> = {};
    try {
      const connection = await this.connect();
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      try {
        for (const queue of SERVICE_QUEUES) {
          queues[queue] = (await channel.checkQueue(queue)).messageCount;
          deadLetters[queue] = (await channel.checkQueue(deadLetterQueueName(queue))).messageCount;
        }
      } finally {
        await channel.close().catch(() => undefined);
      }
    } catch {
      this.connection = undefined;
    }
    return { queues, deadLetters };
  }

  async close(): Promise<void> {
    const connection = await this.connection?.catch(() => undefined);
    await connection?.close().catch(() => undefined);
  }

  private connect(): Promise<ChannelModel> {
    this.connection ??= connect(this.amqpUrl).then((connection) => {
      connection.on('error', () => (this.connection = undefined));
      connection.on('close', () => (this.connection = undefined));
      return connection;
    });
    return this.connection;
  }
}
