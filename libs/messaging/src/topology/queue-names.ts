/**
 * Every queue a consumer owns, named from its main queue so an operator can find them all:
 *   catalog-svc                 the work queue, bound to the routing keys it subscribes to
 *   catalog-svc.retry.5000ms    waiting room: messages sit out their TTL, then return
 *   catalog-svc.dead-letter     messages that failed for good, with the reason in headers
 * The delay is part of the retry queue's name because a queue's TTL cannot change once it
 * is declared: a new delay schedule gets new queues instead of a PRECONDITION_FAILED.
 */
export function retryQueueName(queue: string, delayMs: number): string {
  return `${queue}.retry.${delayMs}ms`;
}

export function deadLetterQueueName(queue: string): string {
  return `${queue}.dead-letter`;
}
