import { ConsoleLogger } from '@nestjs/common';
import { activeSpanIds, currentCheckoutId } from '../tracing/trace-context';

type JsonLogOptions = Parameters<ConsoleLogger['getJsonLogObject']>[1];

/**
 * Nest's JSON console logger, plus `trace_id`, `span_id` and `checkout_id` on every line
 * written inside a traced operation: a log line leads to its trace, and a trace to its logs.
 */
export class TraceAwareLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: JsonLogOptions) {
    const line: Record<string, unknown> = super.getJsonLogObject(message, options);
    const ids = activeSpanIds();
    if (ids) {
      line.trace_id = ids.traceId;
      line.span_id = ids.spanId;
    }
    const checkoutId = currentCheckoutId();
    if (checkoutId) line.checkout_id = checkoutId;
    return line as ReturnType<ConsoleLogger['getJsonLogObject']>;
  }
}
