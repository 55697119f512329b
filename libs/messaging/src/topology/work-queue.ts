import type { Channel } from 'amqplib';
import { deadLetterQueueName } from './queue-names';

/**
 * A message redelivered more often than this (its consumer crashed, or its channel closed,
 * every time it held it) is moved to the dead-letter queue by the broker itself. The
 * consumer's own retries (retry queues, then dead-letter with the reason) come first; this is
 * the last guard, against a message that takes its consumer down before it can retry it.
 */
export const DELIVERY_LIMIT = 10;

/** A work queue replicated across the broker's nodes (Raft), with the delivery limit above. */
export function quorumQueueArguments(queue: string): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': DELIVERY_LIMIT,
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': deadLetterQueueName(queue),
  };
}

const PRECONDITION_FAILED = 406;

/**
 * Declares `queue` as a quorum queue. A queue's type cannot change once declared, so a broker
 * that still holds the classic queue of an earlier version answers PRECONDITION_FAILED:
 * if that queue is empty it is deleted and declared again as quorum (the bindings follow right
 * after); if it still holds messages it is kept, and consumed, as it is, until a later start
 * finds it empty (docs/decisions/0016). Probes run on channels of their own, since a failed
 * declaration closes the channel it ran on.
 */
export async function declareWorkQueue(
  channel: Channel,
  queue: string,
  openChannel: () => Promise<Channel>,
): Promise<'quorum' | 'classic'> {
  if (await tryOn(openChannel, (probe) => probe.assertQueue(queue, { durable: true, arguments: quorumQueueArguments(queue) }))) {
    return 'quorum';
  }
  const emptied = await tryOn(openChannel, (probe) => probe.deleteQueue(queue, { ifEmpty: true }));
  if (emptied) {
    await channel.assertQueue(queue, { durable: true, arguments: quorumQueueArguments(queue) });
    return 'quorum';
  }
  await channel.checkQueue(queue);
  return 'classic';
}

async function tryOn(openChannel: () => Promise<Channel>, work: (probe: Channel) => Promise<unknown>): Promise<boolean> {
  const probe = await openChannel();
  probe.on('error', () => undefined); // the refusal is the answer, not a fault
  try {
    await work(probe);
    await probe.close();
    return true;
  } catch (error) {
    if ((error as { code?: number }).code !== PRECONDITION_FAILED) throw error;
    return false;
  }
}
