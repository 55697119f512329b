import type { ConsumeMessage } from 'amqplib';

/** Headers the consumer adds when it moves a message to a retry or dead-letter queue. */
export const FailureHeaders = {
  attempts: 'x-attempts',
  lastError: 'x-last-error',
  reason: 'x-dead-letter-reason',
  failedAt: 'x-failed-at',
  originalQueue: 'x-original-queue',
  originalRoutingKey: 'x-original-routing-key',
} as const;

/** How many times handling has already failed (0 on a first delivery). */
export function attemptsSoFar(message: ConsumeMessage): number {
  const value = Number(message.properties.headers?.[FailureHeaders.attempts] ?? 0);
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/** Keeps a failure reason short enough for a header, and free of multi-line stack noise. */
export function shortReason(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  const label = error instanceof Error ? (typeof code === 'string' ? `${error.name} ${code}` : error.name) : '';
  const text = error instanceof Error ? `${label}: ${error.message}` : String(error);
  return text.split('\n')[0].slice(0, 500);
}
