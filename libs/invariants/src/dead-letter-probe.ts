import { deadLetterQueueName } from '@checkout/messaging';
import { connect } from 'amqplib';
import type { DeadLetterProbe } from './invariant.types';

/** The work queues whose dead letters the cluster keeps (one per consuming service). */
export const SERVICE_QUEUES = ['checkout-orchestrator', 'catalog-svc', 'payments-svc'] as const;

/**
 * Counts the messages in each queue's dead-letter queue with a passive declare: it reads the
 * depth without consuming, so the evidence stays in place for an operator to inspect or replay.
 */
export function brokerDeadLetterProbe(amqpUrl: string, queues: readonly string[] = SERVICE_QUEUES): DeadLetterProbe {
  return async () => {
    const connection = await connect(amqpUrl);
    try {
      const counts: Record<string, number> = {};
      for (const queue of queues) {
        // A missing queue closes the channel it was asked on, so each question gets its own.
        const channel = await connection.createChannel();
        channel.on('error', () => undefined);
        const found = await channel.checkQueue(deadLetterQueueName(queue)).catch(() => null);
        counts[queue] = found?.messageCount ?? 0;
        if (found) await channel.close();
      }
      return counts;
    } finally {
      await connection.close().catch(() => undefined);
    }
  };
}
