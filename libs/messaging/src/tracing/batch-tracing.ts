import { SpanStatusCode, trace } from '@opentelemetry/api';

const tracer = trace.getTracer('@checkout/messaging');

/** The attribute a batch step's span carries: how many messages the step did its work for. */
export const BATCH_SIZE_ATTRIBUTE = 'messaging.batch.message_count';

/**
 * Runs one step of a batch (its transaction, the inbox insert, the outbox insert) in a span
 * that says how many messages it served: one span per step, whatever the batch size, rather
 * than one per message or per statement.
 */
export async function inBatchSpan<T>(name: string, messages: number, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes: { [BATCH_SIZE_ATTRIBUTE]: messages } }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
