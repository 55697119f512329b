import amqplib, { ChannelModel } from 'amqplib';

/**
 * A plain amqplib consumer on its own exclusive queue bound to every routing key of an
 * exchange: sees what reached the broker, independently of the code under test.
 */
export class MessageObserver {
  readonly received: { messageId: string; type: string; at: number; traceparent?: unknown }[] = [];

  private constructor(private readonly connection: ChannelModel) {}

  static async watch(amqpUrl: string, exchange: string): Promise<MessageObserver> {
    const connection = await amqplib.connect(amqpUrl);
    const observer = new MessageObserver(connection);
    const channel = await connection.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
    await channel.bindQueue(queue, exchange, '#');
    await channel.consume(queue, (message) => {
      if (!message) return;
      const envelope = JSON.parse(message.content.toString());
      observer.received.push({ messageId: envelope.messageId, type: envelope.type, at: Date.now(), traceparent: message.properties.headers?.traceparent });
    }, { noAck: true });
    return observer;
  }

  ids(): string[] {
    return this.received.map((message) => message.messageId);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
