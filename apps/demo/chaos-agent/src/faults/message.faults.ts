import { CHECKOUT_EXCHANGE } from '@checkout/contracts';
import { connect, type ConfirmChannel } from 'amqplib';
import { randomUUID } from 'node:crypto';
import type { Fault } from './fault';

/**
 * A copy of the most recent messages on the checkout exchange, kept by the broker itself: a
 * bounded queue that drops its oldest when full. Duplicating "the last N messages" republishes
 * from here, byte for byte with the same message ids, as a broker redelivery would.
 */
export const RECORDER_QUEUE = 'chaos-agent.recorder';
export const DUPLICATES = 20;

/**
 * Runs `work` on a confirm channel and waits for the broker to confirm what it published before
 * closing. A plain channel closed right after a publish loses the message on its way into a
 * quorum queue (the broker hands it to the queue's Raft log asynchronously and drops what is
 * pending when the channel goes): the fault would be reported injected and never happen.
 */
async function withChannel<T>(amqpUrl: string, work: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
  const connection = await connect(amqpUrl);
  try {
    const channel = await connection.createConfirmChannel();
    // A refused operation rejects its own call; the channel's 'error' event repeats it, and
    // unheard it would take the agent down.
    channel.on('error', () => undefined);
    const result = await work(channel);
    await channel.waitForConfirms();
    return result;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

async function assertRecorder(channel: ConfirmChannel): Promise<void> {
  await channel.assertExchange(CHECKOUT_EXCHANGE, 'topic', { durable: true });
  await channel.assertQueue(RECORDER_QUEUE, { durable: true, arguments: { 'x-max-length': DUPLICATES, 'x-overflow': 'drop-head' } });
  await channel.bindQueue(RECORDER_QUEUE, CHECKOUT_EXCHANGE, '#');
}

/** Declares the recorder (idempotent): when the agent starts, so it has copies by the first fault. */
export function declareRecorder(amqpUrl: string): Promise<void> {
  return withChannel(amqpUrl, assertRecorder);
}

export function duplicateDeliveries(amqpUrl: string): Fault {
  return {
    kind: 'duplicate-deliveries',
    inject: () =>
      withChannel(amqpUrl, async (channel) => {
        // Declared again in case the broker was away when the agent started.
        await assertRecorder(channel);
        let republished = 0;
        const seen: string[] = [];
        for (let message = await channel.get(RECORDER_QUEUE); message; message = await channel.get(RECORDER_QUEUE)) {
          if (republished >= DUPLICATES) break;
          channel.publish(CHECKOUT_EXCHANGE, message.fields.routingKey, message.content, message.properties);
          channel.ack(message);
          seen.push(String(message.properties.type ?? message.fields.routingKey));
          republished++;
        }
        return { messagesDeliveredAgain: republished, types: [...new Set(seen)].join(', ') };
      }),
    revert: async () => undefined,
  };
}

/**
 * A message no handler can accept (not even JSON), straight onto one service's queue. The
 * consumer must dead-letter it at once with its reason and carry on with everything else.
 */
export function poisonMessage(amqpUrl: string): Fault {
  return {
    kind: 'poison-message',
    inject: (target) =>
      withChannel(amqpUrl, async (channel) => {
        // The default exchange drops a message for a queue that does not exist, and the broker
        // still confirms it: ask first, so a wrong target fails the experiment instead.
        await channel.checkQueue(target);
        const messageId = randomUUID();
        channel.sendToQueue(target, Buffer.from('{"this is": not an envelope'), {
          persistent: true,
          messageId,
          type: 'ChaosPoison',
          contentType: 'application/json',
        });
        return { poisonMessageId: messageId, queue: target };
      }),
    revert: async () => undefined,
  };
}
